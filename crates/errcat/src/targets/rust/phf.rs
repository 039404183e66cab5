//! The perfect hash table `ErrorCode::from_str` looks wire strings up in when a catalog
//! has too many codes for a `match` (see `error_code`): every code gets a slot of its
//! own, so a lookup is one hash, two table reads and one string comparison, whatever the
//! size of the catalog.
//!
//! The scheme is "hash and displace": the keys are hashed once and split into buckets of
//! about four; the buckets, largest first, each get the smallest displacement that moves
//! all of their keys to free slots. The hash, bucket and slot functions are in
//! `phf_lookup.rs`, which this module compiles and the generated code carries verbatim, so
//! the table and its lookup cannot disagree.

mod lookup {
    include!("phf_lookup.rs");
}

/// The source of the lookup functions, for the generated code.
pub(super) const LOOKUP_SOURCE: &str = include_str!("phf_lookup.rs");

/// Keys per bucket, on average.
const BUCKET_SIZE: usize = 4;

/// Displacements tried per bucket before the next seed is tried.
const MAX_DISPLACEMENT: u32 = 1 << 20;

/// A perfect hash table of a list of keys.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Table {
    /// The seed of the hash.
    pub(super) seed: u64,
    /// One displacement per bucket.
    pub(super) displacements: Vec<u32>,
    /// Per slot, the index of the key it holds (`0` for a free slot: a lookup compares the
    /// key anyway).
    pub(super) slots: Vec<usize>,
}

/// The table of `keys`, which must be distinct and at least one.
pub(super) fn build(keys: &[&str]) -> Table {
    let slots = keys.len() + keys.len() / 8 + 1;
    let buckets = keys.len().div_ceil(BUCKET_SIZE).max(1);
    let mut seed = 0;
    loop {
        if let Some(table) = try_seed(keys, seed, buckets, slots) {
            return table;
        }
        // Only if two keys hash alike, or a bucket finds no free slots: another seed.
        seed += 1;
    }
}

fn try_seed(keys: &[&str], seed: u64, buckets: usize, slots: usize) -> Option<Table> {
    let hashes: Vec<u64> = keys.iter().map(|key| lookup::hash(key.as_bytes(), seed)).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (key, &hash) in hashes.iter().enumerate() {
        members[lookup::bucket(hash, buckets)].push(key);
    }
    let mut order: Vec<usize> = (0..buckets).collect();
    order.sort_by_key(|&bucket| std::cmp::Reverse(members[bucket].len()));
    let mut taken = vec![false; slots];
    let mut table = Table { seed, displacements: vec![0; buckets], slots: vec![0; slots] };
    let mut chosen = Vec::with_capacity(BUCKET_SIZE * 4);
    for bucket in order {
        let keys_of = &members[bucket];
        if keys_of.is_empty() {
            break;
        }
        let displacement = (0..MAX_DISPLACEMENT).find(|&displacement| {
            chosen.clear();
            keys_of.iter().all(|&key| {
                let slot = lookup::displaced(hashes[key], displacement, slots);
                let free = !taken[slot] && !chosen.contains(&slot);
                chosen.push(slot);
                free
            })
        })?;
        for (&key, &slot) in keys_of.iter().zip(&chosen) {
            taken[slot] = true;
            table.slots[slot] = key;
        }
        table.displacements[bucket] = displacement;
    }
    // The lookup the generated code does finds every key where it was put.
    let found = keys
        .iter()
        .enumerate()
        .all(|(key, text)| table.slots[lookup::slot(text.as_bytes(), seed, &table.displacements, slots)] == key);
    found.then_some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_slot_of_its_own() {
        for count in [1, 2, 3, 7, 100, 257, 5_000] {
            let keys: Vec<String> = (0..count).map(|n| format!("SERVICE_{}_CODE_{n}", n % 13)).collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let table = build(&keys);
            assert!(table.slots.len() > keys.len());
            for (n, key) in keys.iter().enumerate() {
                let slot = lookup::slot(key.as_bytes(), table.seed, &table.displacements, table.slots.len());
                assert_eq!(table.slots[slot], n, "{key}");
            }
            assert_eq!(build(&keys), table, "deterministic");
        }
    }

    #[test]
    fn short_long_and_empty_keys_hash_apart() {
        let keys = ["", "A", "AB", "ABCDEFG", "ABCDEFGH", "ABCDEFGHI", "BBCDEFGHI", "ABCDEFGHIJKLMNOPQ", "X_Y"];
        let table = build(&keys);
        for (n, key) in keys.iter().enumerate() {
            let slot = lookup::slot(key.as_bytes(), table.seed, &table.displacements, table.slots.len());
            assert_eq!(table.slots[slot], n, "{key:?}");
        }
        let hashes: std::collections::HashSet<u64> = keys.iter().map(|k| lookup::hash(k.as_bytes(), 0)).collect();
        assert_eq!(hashes.len(), keys.len());
    }
}
