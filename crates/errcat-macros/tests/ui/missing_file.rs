// A catalog that does not exist is a compile error that names the path.

errcat_macros::catalog!("tests/ui/no_such_catalog.yaml");

fn main() {}
