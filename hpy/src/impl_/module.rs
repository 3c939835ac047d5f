//! Module glue: the definition lists and the setup every module runs.

use crate::exceptions::ExcType;
use crate::{Global, HPyErr, HPyResult, IntoHPy, Module};
use hpy_sys::{HPyDef, HPyGlobal};

/// Something a module is made of: a function contributes its `HPyDef`, a
/// type is created when the module is executed.
///
/// # Safety
/// `DEF` must be a definition whose implementation has the signature the
/// definition declares (as the macros generate them).
pub unsafe trait ModuleItem {
    /// The definition to list in `HPyModuleDef::defines`, if any.
    const DEF: Option<&'static HPyDef> = None;

    /// Runs in the module's exec hook.
    fn exec(_module: &Module<'_, '_>) -> HPyResult<()> {
        Ok(())
    }
}

/// A null-terminated array of definitions, as `HPyModuleDef::defines` wants.
#[repr(transparent)]
pub struct DefList<const N: usize>([*const HPyDef; N]);

// SAFETY: the array only points to immutable `static` definitions.
unsafe impl<const N: usize> Sync for DefList<N> {}

impl<const N: usize> DefList<N> {
    /// The definitions that are there, in order, followed by nulls (so the
    /// list ends with at least one null when the last item is `None`).
    pub const fn new(items: [Option<&'static HPyDef>; N]) -> DefList<N> {
        let mut out = [core::ptr::null::<HPyDef>(); N];
        let (mut from, mut to) = (0, 0);
        while from < N {
            if let Some(def) = items[from] {
                out[to] = def;
                to += 1;
            }
            from += 1;
        }
        DefList(out)
    }

    /// The array, typed as `HPyModuleDef::defines`.
    pub const fn as_ptr(&'static self) -> *mut *mut HPyDef {
        self.0.as_ptr().cast_mut().cast()
    }
}

/// A null-terminated array of globals, as `HPyModuleDef::globals` wants.
#[repr(transparent)]
pub struct GlobalList<const N: usize>(pub [*mut HPyGlobal; N]);

// SAFETY: the array only points to `Global`s, which are themselves `Sync`.
unsafe impl<const N: usize> Sync for GlobalList<N> {}

impl<const N: usize> GlobalList<N> {
    /// The array, typed as `HPyModuleDef::globals`.
    pub const fn as_ptr(&'static self) -> *mut *mut HPyGlobal {
        self.0.as_ptr().cast_mut()
    }
}

/// The `PanicException` type of this binary; each module's exec sets it
/// and exposes it as `<module>.PanicException`.
static PANIC_EXCEPTION: Global = Global::new();

/// The address of the `PanicException` global, for `HPyModuleDef::globals`.
pub const fn panic_exception_global() -> *mut hpy_sys::HPyGlobal {
    PANIC_EXCEPTION.as_ptr()
}

/// A `PanicException` carrying a panic's message.
pub fn panic_exception(message: String) -> HPyErr {
    HPyErr::new(ExcType::global(&PANIC_EXCEPTION, "PanicException"), message)
}

/// What every module's `HPy_mod_exec` does before the user's code: create
/// `PanicException` (a `BaseException`, so that `except Exception` does not
/// swallow a bug) and add it to the module.
pub fn module_exec(module: &Module<'_, '_>) -> HPyResult<()> {
    let ctx = module.ctx();
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
