/// The slot of `text` in a perfect hash table of `slots` slots built with `seed` and
/// `displacements`: the hash of `text` picks a bucket, and the bucket's displacement sends
/// each of its keys to a slot of its own. errcat builds the table with these same
/// functions (`targets/rust/phf.rs` includes this file).
pub(super) fn slot(text: &[u8], seed: u64, displacements: &[u32], slots: usize) -> usize {
    let hash = hash(text, seed);
    displaced(hash, displacements[bucket(hash, displacements.len())], slots)
}

/// A 64-bit hash of `bytes`, eight bytes at a time (the last eight overlap the ones
/// before), each mixed in with a multiplication and a rotation.
pub(super) fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let word = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let mix = |hash: u64, word: u64| (hash ^ word).wrapping_mul(K).rotate_left(29);
    let mut hash = seed ^ (bytes.len() as u64).wrapping_mul(K);
    if bytes.len() >= 8 {
        let mut at = 0;
        while at + 8 < bytes.len() {
            hash = mix(hash, word(at));
            at += 8;
        }
        hash = mix(hash, word(bytes.len() - 8));
    } else {
        let mut short = 0;
        for &byte in bytes {
            short = (short << 8) | u64::from(byte);
        }
        hash = mix(hash, short);
    }
    hash.wrapping_mul(K)
}

/// The bucket of a key whose hash is `hash`, among `buckets`.
pub(super) fn bucket(hash: u64, buckets: usize) -> usize {
    reduce(hash as u32, buckets)
}

/// The slot of a key whose hash is `hash` in a bucket moved by `displacement`.
pub(super) fn displaced(hash: u64, displacement: u32, slots: usize) -> usize {
    let mut mixed = ((hash >> 32) as u32 ^ displacement).wrapping_mul(0x2C1B_3C6D);
    mixed = (mixed ^ (mixed >> 15)).wrapping_mul(0x297A_2D39);
    reduce(mixed ^ (mixed >> 16), slots)
}

/// `value` scaled from `0..2^32` to `0..range` (a multiplication instead of a division).
fn reduce(value: u32, range: usize) -> usize {
    ((u64::from(value) * range as u64) >> 32) as usize
}
