// The Go conformance harness: runs every vector, retry scenario and end-to-end scenario
// against the generated Go client (see ../README.md).
module errcat.example/conformance/go

go 1.22

require github.com/scriptix/scriptix-errors-go v0.0.0

replace github.com/scriptix/scriptix-errors-go => ../../generated/go
