//! The symbols a module exports, chosen by the ABI this crate is built for.
//!
//! `#[hpy_module]` emits one call of `__hpy_module_entry!` with every symbol
//! name; this crate defines the macro twice, once per ABI, so the user's
//! crate evaluates no cfg of its own and needs no feature to switch ABIs (the
//! feature of `hpy` decides, see `docs/cpython-abi.md`).

/// The universal ABI: the four symbols the HPy loader looks for.
#[cfg(not(feature = "cpython-abi"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __hpy_module_entry {
    (
        name: $name:literal,
        major: $major:ident,
        minor: $minor:ident,
        init_ctx: $init_ctx:ident,
        init: $init:ident,
        py_init: $py_init:ident,
        doc: $doc:expr,
        items: $items:ident $(,)?
    ) => {
        /// The HPy major version this module needs (loader protocol).
        #[unsafe(no_mangle)]
        pub extern "C" fn $major() -> u32 {
            $crate::sys::HPY_ABI_VERSION
        }

        /// The HPy minor version this module needs (loader protocol).
        #[unsafe(no_mangle)]
        pub extern "C" fn $minor() -> u32 {
            $crate::sys::HPY_ABI_VERSION_MINOR
        }

        /// Receives the context that the CPython trampolines use.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $init_ctx(ctx: *mut $crate::sys::HPyContext) {
            // SAFETY: the HPy loader passes the context for the trampolines.
            unsafe { $crate::impl_::set_trampoline_context(ctx) }
        }

        /// The module definition (loader protocol; no HPy call happens here).
        #[unsafe(no_mangle)]
        pub extern "C" fn $init() -> *mut $crate::sys::HPyModuleDef {
            static DEF: $crate::impl_::ModuleDefCell = $crate::impl_::ModuleDefCell::new();
            DEF.get($doc, $items)
        }
    };
}

/// The CPython ABI: `PyInit_<name>`, which returns the module's
/// `PyModuleDef` for multi-phase initialization.
#[cfg(feature = "cpython-abi")]
#[doc(hidden)]
#[macro_export]
macro_rules! __hpy_module_entry {
    (
        name: $name:literal,
        major: $major:ident,
        minor: $minor:ident,
        init_ctx: $init_ctx:ident,
        init: $init:ident,
        py_init: $py_init:ident,
        doc: $doc:expr,
        items: $items:ident $(,)?
    ) => {
        /// The module's entry point for CPython (multi-phase initialization).
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $py_init() -> *mut $crate::sys::cpy_PyObject {
            static DEF: $crate::impl_::ModuleDefCell = $crate::impl_::ModuleDefCell::new();
            static PY_DEF: $crate::impl_::PyModuleDefCell =
                $crate::impl_::PyModuleDefCell::new(::core::ptr::null_mut());
            // SAFETY: CPython calls `PyInit_<name>` with its lock held.
            unsafe { $crate::impl_::cpython_module_init(&DEF, &PY_DEF, $name, $doc, $items) }
        }
    };
}
