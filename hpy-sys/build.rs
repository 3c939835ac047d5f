//! With the `cpython-abi` feature: the `Py_3_X` cfgs of the interpreter the
//! module is built for (`PYO3_PYTHON`), from `pyo3-build-config`. The
//! universal ABI needs no Python and this does nothing.

fn main() {
    // Only this file and the environment variables `pyo3-build-config` names
    // decide the output: editing the sources does not rerun the script.
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(feature = "cpython-abi")]
    pyo3_build_config::use_pyo3_cfgs();
}
