// A catalog with errors is a compile error at the call, with the catalog's file:line:col.

errcat_macros::catalog!("tests/ui/bad_catalog.yaml");

fn main() {}
