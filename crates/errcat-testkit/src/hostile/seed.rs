//! Seeded reordering for [`HostileCatalog::reordered`](super::HostileCatalog::reordered): a
//! tiny generator that is the same on every machine ([`SplitMix`]) and the shuffles it
//! drives over a catalog tree.

use super::Yaml;

/// Shuffles the keys of every mapping except example values.
pub(super) fn shuffle_keys(node: &mut Yaml, rng: &mut SplitMix) {
    match node {
        Yaml::Map(entries) => {
            rng.shuffle(entries);
            for (key, value) in entries.iter_mut() {
                if key != "example" {
                    shuffle_keys(value, rng);
                }
            }
        }
        Yaml::Seq(items) => {
            for item in items {
                shuffle_keys(item, rng);
            }
        }
        _ => {}
    }
}

/// Reorders codes at random while each category keeps its codes' relative order.
pub(super) fn interleave(codes: &mut Vec<Yaml>, rng: &mut SplitMix) {
    let category = |code: &Yaml| match code {
        Yaml::Map(entries) => entries.iter().find(|(k, _)| k == "category").map(|(_, v)| format!("{v:?}")),
        _ => None,
    };
    let mut slots: Vec<Option<String>> = codes.iter().map(category).collect();
    rng.shuffle(&mut slots);
    let mut queues: Vec<(Option<String>, std::collections::VecDeque<Yaml>)> = Vec::new();
    for code in codes.drain(..) {
        let key = category(&code);
        match queues.iter_mut().find(|(k, _)| *k == key) {
            Some((_, queue)) => queue.push_back(code),
            None => queues.push((key, std::collections::VecDeque::from([code]))),
        }
    }
    for slot in slots {
        if let Some((_, queue)) = queues.iter_mut().find(|(k, _)| *k == slot)
            && let Some(code) = queue.pop_front()
        {
            codes.push(code);
        }
    }
}

/// A tiny seeded generator for reordering (SplitMix64).
pub(super) struct SplitMix(
    /// The state: the seed, advanced by every draw.
    pub(super) u64,
);

impl SplitMix {
    /// The next number of the sequence.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}
