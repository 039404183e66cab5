// The macro takes one string literal: the catalog's path.

errcat_macros::catalog!(42);

fn main() {}
