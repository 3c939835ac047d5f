//! Compile-fail tests: the handle rules are enforced by the compiler, and
//! the macros reject what Python cannot call with a readable error.
//! Regenerate the expected messages with `TRYBUILD=overwrite cargo test -p hpy --test compile_fail`
//! (and, for `ui-cpython-abi/`, the same with `--features cpython-abi` and
//! `PYO3_PYTHON` naming a CPython)
//! and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    #[cfg(not(feature = "cpython-abi"))]
    cases.compile_fail("tests/ui/*.rs");
    // The `PyObject *` interop exists only in the CPython ABI; the rest
    // is the same code in both ABIs and is checked once.
    #[cfg(feature = "cpython-abi")]
    cases.compile_fail("tests/ui-cpython-abi/*.rs");
}
