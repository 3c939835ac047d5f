//! Compile-fail tests: the handle rules are enforced by the compiler, and
//! the macros reject what Python cannot call with a readable error.
//! Regenerate the expected messages with `TRYBUILD=overwrite cargo test -p hpy --test compile_fail`
//! and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
