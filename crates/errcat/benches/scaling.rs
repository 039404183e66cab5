//! How errcat scales with the size of a catalog: load + validate, the template targets and
//! conformance vectors ([`errcat::render::plan`]), and the Rust generator, on synthetic
//! catalogs of 100 to 100 000 codes ([`errcat_testkit::synthetic`]).
//!
//! `ERRCAT_BENCH_SIZES=100,1000` limits the sizes (`cargo xtask bench --quick` does).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use errcat::render::{self, Options};

fn sizes() -> Vec<usize> {
    match std::env::var("ERRCAT_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => errcat_testkit::synthetic::SIZES.to_vec(),
    }
}

fn options() -> Options {
    Options { command: "cargo xtask bench".to_owned(), catalog_path: "synthetic.yaml".to_owned(), templates_dir: None }
}

/// Fewer, longer samples for the big catalogs, whose single run takes seconds.
fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, size: usize) {
    group.throughput(Throughput::Elements(size as u64));
    if size >= 10_000 {
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(if size >= 100_000 { 20 } else { 8 }));
    } else {
        group.sample_size(20);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(3));
    }
}

fn scaling(c: &mut Criterion) {
    let limits = errcat_testkit::synthetic::limits();
    for size in sizes() {
        let text = errcat_testkit::synthetic::catalog(size);
        let checked = errcat::check_str(&text, &limits);
        assert!(checked.diagnostics.is_empty(), "the synthetic catalog of {size} codes has diagnostics");
        let catalog = checked.catalog.expect("a clean catalog");
        let options = options();
        if let Err(error) = render::plan(&catalog, &options) {
            panic!("rendering {size} codes failed: {error}");
        }

        let mut group = c.benchmark_group("load_validate");
        configure(&mut group, size);
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| errcat::check_str(black_box(text), &limits));
        });
        group.finish();

        let mut group = c.benchmark_group("render_plan");
        configure(&mut group, size);
        group.bench_with_input(BenchmarkId::from_parameter(size), &catalog, |b, catalog| {
            b.iter(|| render::plan(black_box(catalog), &options));
        });
        group.finish();

        let mut group = c.benchmark_group("rust_generate");
        configure(&mut group, size);
        group.bench_with_input(BenchmarkId::from_parameter(size), &catalog, |b, catalog| {
            b.iter(|| errcat::targets::rust::generate(black_box(catalog)));
        });
        group.finish();
    }
}

criterion_group!(benches, scaling);
criterion_main!(benches);
