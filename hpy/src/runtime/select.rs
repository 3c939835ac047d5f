//! Which HPy runtime the module runs on, decided once, when the module is
//! executed, before any other HPy call of the binary.

use crate::exceptions::ImportError;
use crate::{Ctx, HPyErr, HPyResult};
use hpy_sys::layout::{self, KNOWN, Layout};

/// Selects the context layout of the running interpreter (see
/// [`hpy_sys::layout`]), or raises `ImportError` for a runtime this build
/// does not know, or for a known runtime with an HPy version whose layout has
/// not been checked: a call through an unknown layout could crash.
///
/// It calls only context members that are in the same slot in every known
/// layout, so it is safe whatever the answer.
pub(crate) fn select(ctx: Ctx<'_>) -> HPyResult<()> {
    let implementation = implementation_name(ctx)?;
    // SAFETY: `ctx` is the live context of the exec call.
    let layout = match unsafe { layout::select(ctx.as_raw(), &implementation) } {
        Ok(layout) => layout,
        Err(name) => {
            let name = name.to_string_lossy();
            let owner = KNOWN.iter().find(|l| l.runtimes.iter().any(|r| r.to_string_lossy() == name));
            if let Some(owner) = owner {
                return Err(HPyErr::new_type::<ImportError>(format!(
                    "the HPy context {name:?} belongs to {}, but the interpreter is {implementation}",
                    owner.implementation
                )));
            }
            return Err(HPyErr::new_type::<ImportError>(format!(
                "unknown HPy runtime {name:?} on {implementation}: this module knows the context layouts \
                 of {}, and calling an unknown one could crash the interpreter",
                known_runtimes()
            )));
        }
    };
    super::set_runtime(layout.implementation);
    if layout.hpy_versions.is_empty() {
        return Ok(());
    }
    let version = hpy_version(ctx)?;
    if layout.hpy_versions.contains(&version.as_str()) {
        return Ok(());
    }
    Err(HPyErr::new_type::<ImportError>(format!(
        "HPy {version} on {:?} has a context layout this module has not been checked against \
         (it knows {} with HPy {}): calling it could crash the interpreter",
        ctx.name(),
        layout.name,
        layout.hpy_versions.join(", ")
    )))
}

fn known_runtimes() -> String {
    let names: Vec<String> = KNOWN
        .iter()
        .flat_map(|l: &Layout| {
            l.runtimes.iter().map(|r| format!("{:?} on {}", r.to_string_lossy(), l.implementation))
        })
        .collect();
    names.join(", ")
}

/// `sys.implementation.name`, through members every layout has in the same
/// slot.
fn implementation_name(ctx: Ctx<'_>) -> HPyResult<String> {
    // SAFETY: a live context and a NUL-terminated name.
    let sys = unsafe { ctx.wrap(hpy_sys::HPyImport_ImportModule(ctx.as_raw(), c"sys".as_ptr())) }?;
    sys.getattr("implementation")?.getattr("name")?.extract()
}

/// `hpy.universal.get_version()[0]`, through members every layout has in the
/// same slot (`HPyImport_ImportModule`, `HPy_GetAttr_s`, `HPy_CallTupleDict`,
/// `HPyTuple_FromArray`, `HPy_GetItem_i` and the `str` conversion).
fn hpy_version(ctx: Ctx<'_>) -> HPyResult<String> {
    // SAFETY: a live context and a NUL-terminated name.
    let universal =
        unsafe { ctx.wrap(hpy_sys::HPyImport_ImportModule(ctx.as_raw(), c"hpy.universal".as_ptr())) }?;
    let get_version = universal.getattr("get_version")?;
    // SAFETY: an empty array needs no handle.
    let empty = unsafe { ctx.wrap(hpy_sys::HPyTuple_FromArray(ctx.as_raw(), core::ptr::null_mut(), 0)) }?;
    // SAFETY: both handles are open in this context; no keywords.
    let info = unsafe {
        ctx.wrap(hpy_sys::HPy_CallTupleDict(
            ctx.as_raw(),
            get_version.as_raw(),
            empty.as_raw(),
            hpy_sys::HPy_NULL,
        ))
    }?;
    info.get_item(0)?.extract()
}
