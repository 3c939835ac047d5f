//! Module glue: the definition lists and the setup every module runs.

use crate::exceptions::ExcType;
use crate::{Global, HPyErr, HPyResult, IntoHPy, Module};
use core::ffi::CStr;
use hpy_sys::{HPyDef, HPyGlobal, HPyModuleDef};
use std::sync::OnceLock;

/// Something a module is made of: a function contributes its definition,
/// a class its type (created by the exec hook) and the module functions
/// behind its static and class methods, an exception its type.
///
/// # Safety
/// Every definition must have an implementation of the signature it
/// declares, and every global must be a `static`.
pub unsafe trait ModuleItem {
    /// The item's stub record (see `stub_record.rs`): nothing unless the
    /// macro writes one.
    const STUB: &'static [super::Part] = &[];

    /// Adds the item's definitions to the module's `defines`.
    fn defs(_list: &mut Vec<&'static HPyDef>) {}

    /// Adds the item's globals to the module's `globals`.
    fn globals(_list: &mut Vec<&'static Global>) {}

    /// Runs in the module's exec hook.
    fn exec(_module: &Module<'_, '_>) -> HPyResult<()> {
        Ok(())
    }
}

struct ModuleDefData {
    def: HPyModuleDef,
    _defines: Vec<*const HPyDef>,
    _globals: Vec<*mut HPyGlobal>,
}

// SAFETY: the data only points to static definitions, static globals and the
// two vectors it owns, none of which is written after it is built.
unsafe impl Send for ModuleDefData {}
// SAFETY: as above.
unsafe impl Sync for ModuleDefData {}

/// The `HPyModuleDef` of a module, built once by `HPyInit_<name>` from the
/// module's items (this runs no HPy call, as the loader requires).
pub struct ModuleDefCell {
    data: OnceLock<ModuleDefData>,
}

impl ModuleDefCell {
    /// An empty cell, for a `static`.
    pub const fn new() -> ModuleDefCell {
        ModuleDefCell { data: OnceLock::new() }
    }

    /// The module definition; `items` lists the definitions and globals.
    /// Returns null if building it panicked (the loader then raises).
    pub fn get(
        &'static self,
        doc: Option<&'static CStr>,
        items: fn(&mut Vec<&'static HPyDef>, &mut Vec<&'static Global>),
    ) -> *mut HPyModuleDef {
        let build = || {
            let (mut defs, mut globals) = (Vec::new(), vec![&PANIC_EXCEPTION]);
            items(&mut defs, &mut globals);
            let mut defines: Vec<*const HPyDef> = defs.into_iter().map(|d| d as *const HPyDef).collect();
            defines.push(core::ptr::null());
            globals.iter().for_each(|global| global.register());
            let mut globals: Vec<*mut HPyGlobal> = globals.into_iter().map(Global::as_ptr).collect();
            globals.push(core::ptr::null_mut());
            let def = HPyModuleDef {
                doc: doc.map_or(core::ptr::null(), CStr::as_ptr),
                size: 0,
                legacy_methods: core::ptr::null_mut(),
                defines: defines.as_ptr().cast_mut().cast(),
                globals: globals.as_ptr().cast_mut(),
            };
            ModuleDefData { def, _defines: defines, _globals: globals }
        };
        match std::panic::catch_unwind(|| &self.data.get_or_init(build).def) {
            Ok(def) => (def as *const HPyModuleDef).cast_mut(),
            Err(payload) => {
                crate::ffi::entry::drop_panic_payload(payload);
                core::ptr::null_mut()
            }
        }
    }
}

impl Default for ModuleDefCell {
    fn default() -> Self {
        ModuleDefCell::new()
    }
}

/// The `PyModuleDef` a CPython-ABI module gives CPython, made once from its
/// `HPyModuleDef`.
#[cfg(feature = "cpython-abi")]
pub type PyModuleDefCell = core::sync::atomic::AtomicPtr<hpy_sys::cpy_PyModuleDef>;

/// What `PyInit_<name>` does in the CPython ABI: builds the module's
/// `HPyModuleDef` (once), converts it (once) and returns
/// `PyModuleDef_Init` of it; null with an exception set if either fails.
///
/// # Safety
/// The interpreter's lock must be held; the cells must be statics.
#[cfg(feature = "cpython-abi")]
pub unsafe fn cpython_module_init(
    def: &'static ModuleDefCell,
    py_def: &'static PyModuleDefCell,
    name: &'static CStr,
    doc: Option<&'static CStr>,
    items: fn(&mut Vec<&'static HPyDef>, &mut Vec<&'static Global>),
) -> *mut hpy_sys::cpy_PyObject {
    use core::sync::atomic::Ordering;
    use hpy_sys::cpython::ffi;
    // Relaxed: CPython imports under its lock, which orders the two calls.
    let mut converted = py_def.load(Ordering::Relaxed);
    if converted.is_null() {
        let hpy_def = def.get(doc, items);
        if hpy_def.is_null() {
            // SAFETY: the lock is held; the message is a C string.
            unsafe {
                ffi::PyErr_SetString(
                    ffi::PyExc_ImportError,
                    c"building the module definition panicked (a bug in the extension)".as_ptr(),
                )
            };
            return core::ptr::null_mut();
        }
        // SAFETY: the definition is static and valid; the lock is held.
        converted = unsafe { hpy_sys::cpython::module_def(&*hpy_def, name) };
        if converted.is_null() {
            return core::ptr::null_mut();
        }
        py_def.store(converted, Ordering::Relaxed);
    }
    // SAFETY: the definition lives for the rest of the process.
    unsafe { ffi::PyModuleDef_Init(converted) }
}

/// The `PanicException` type of this binary; each module's exec sets it
/// and exposes it as `<module>.PanicException`.
static PANIC_EXCEPTION: Global = Global::new();

/// A `PanicException` carrying a panic's message.
pub fn panic_exception(message: String) -> HPyErr {
    HPyErr::new(ExcType::global(&PANIC_EXCEPTION, "PanicException"), message)
}

/// What every module's `HPy_mod_exec` does before the user's code: select
/// the context layout of the runtime, create `PanicException` (a `BaseException`, so that `except Exception` does not
/// swallow a bug) and add it to the module.
pub fn module_exec(module: &Module<'_, '_>) -> HPyResult<()> {
    let ctx = module.ctx();
    // First of all: every later call may go to a member that moves between runtimes.
    crate::runtime::select(ctx)?;
    crate::class::start_module();
    // SAFETY: importing a module needs only a live context.
    let sys = unsafe { ctx.wrap(hpy_sys::HPyImport_ImportModule(ctx.as_raw(), c"sys".as_ptr())) }?;
    let (major, minor): (u32, u32) = {
        let info = sys.getattr("version_info")?;
        (info.getattr("major")?.extract()?, info.getattr("minor")?.extract()?)
    };
    crate::conversion::number::set_reject_floats((major, minor) < (3, 10));
    let name: String = module.getattr("__name__")?.extract()?;
    let qualified = std::ffi::CString::new(format!("{name}.PanicException"))
        .map_err(|_| HPyErr::new_type::<crate::exceptions::ValueError>("module name contains NUL"))?;
    let doc = c"A Rust panic: a bug in the extension. It derives from BaseException, like \
                SystemExit, so that `except Exception` does not hide it.";
    // SAFETY: the strings are NUL-terminated; the base is a context constant.
    let ty = unsafe {
        ctx.wrap(hpy_sys::HPyErr_NewExceptionWithDoc(
            ctx.as_raw(),
            qualified.as_ptr(),
            doc.as_ptr(),
            ctx.base_exception().as_raw(),
            hpy_sys::HPy_NULL,
        ))
    }?;
    PANIC_EXCEPTION.store(&ty);
    module.add("PanicException", ty.into_hpy(ctx)?)
}
