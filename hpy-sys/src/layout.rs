//! Where the members of the context are, on the runtime the module runs on.
//!
//! HPy 0.9 runtimes do not all lay out `HPyContext` alike: PyPy 7.3.19's
//! copy of HPy declares `h_DictType` after `h_Builtins`, so its members
//! `ctx_Capsule_New` … `ctx_CallMethod` (0.9.0 IDs 244–262) sit one slot
//! further than in 0.9.0. A C extension is compiled for one layout; this
//! crate knows every layout described in `abi/` ([`KNOWN`]) and, once a
//! module has called [`select`] with a context of its runtime, every API
//! function finds its member where that runtime put it. The members that are
//! in the same slot everywhere are read straight from their field; only the
//! moved ones (listed in [`MOVED`]) cost a table lookup.
//!
//! The runtime is recognised by its `sys.implementation.name` together with
//! `ctx->name`, which names the runtime and the mode (`"HPy Debug Mode ABI
//! (PyPy backend)"`; GraalPy's debug and trace contexts carry CPython's
//! names); a pair no layout lists is refused, so that no call ever goes to a
//! slot of an unknown layout.

use crate::HPyContext;
use core::ffi::{CStr, c_char};
use core::sync::atomic::{AtomicUsize, Ordering};

pub use crate::generated::layouts::{KNOWN, MOVED};

/// One known context layout.
#[derive(Debug)]
pub struct Layout {
    /// Its description's name: `hpy-0.9.0` (the table) or a file stem of
    /// `abi/layouts` (`pypy-7.3.19`).
    pub name: &'static str,
    /// The runtime's `sys.implementation.name` (`cpython`, `pypy`, `graalpy`).
    pub implementation: &'static str,
    /// The `ctx->name` of the contexts that have this layout, in every mode.
    pub runtimes: &'static [&'static CStr],
    /// The HPy versions (`hpy.universal.get_version()[0]`) known to come
    /// with this layout; empty when every version of these runtimes has it.
    pub hpy_versions: &'static [&'static str],
    /// The members whose C type in this runtime's headers differs from
    /// 0.9.0's only by a `const` on a pointee (the same ABI).
    pub const_only: &'static [&'static str],
}

/// The index in [`KNOWN`] of the layout in use; HPy 0.9.0's until a module
/// selects another.
static CURRENT: AtomicUsize = AtomicUsize::new(0);

/// The offset of context slot `slot`: every member is one pointer wide and
/// the first one follows the three header fields.
pub const fn slot_offset(slot: usize) -> usize {
    core::mem::offset_of!(HPyContext, h_None) + slot * core::mem::size_of::<usize>()
}

/// The known layout of the implementation `implementation` whose runtimes
/// include the context name `name`.
pub fn of_runtime(implementation: &str, name: &CStr) -> Option<&'static Layout> {
    KNOWN.iter().find(|l| l.implementation == implementation && l.runtimes.contains(&name))
}

/// The layout in use.
pub fn current() -> &'static Layout {
    &KNOWN[CURRENT.load(Ordering::Relaxed)]
}

/// Recognises the runtime of `ctx` by its implementation (the interpreter's
/// `sys.implementation.name`) and the context's name, and routes every later
/// call of this binary through its layout. Returns the layout, or the
/// context's name when no known layout of `implementation` lists it (the
/// layout in use is then unchanged).
///
/// # Safety
/// `ctx` must point to a live HPy context; only its `name` header field is
/// read, which every HPy 0.9 runtime has.
pub unsafe fn select<'a>(ctx: *const HPyContext, implementation: &str) -> Result<&'static Layout, &'a CStr> {
    // SAFETY: the caller passes a live context; `name` is the first header
    // field of every 0.9 context and points to a NUL-terminated string that
    // lives as long as the runtime.
    let name: &CStr = unsafe { CStr::from_ptr(core::ptr::addr_of!((*ctx).name).read().cast::<c_char>()) };
    let index = KNOWN
        .iter()
        .position(|l| l.implementation == implementation && l.runtimes.contains(&name))
        .ok_or(name)?;
    // Relaxed: a module is executed while its thread holds the interpreter,
    // and every later call reaches this binary through the same interpreter.
    CURRENT.store(index, Ordering::Relaxed);
    Ok(&KNOWN[index])
}

/// Reads the function pointer of a moved member: `offsets` holds its offset
/// in each of the [`KNOWN`] layouts.
///
/// # Safety
/// `ctx` must be a live context of the runtime whose layout was selected,
/// and `F` the type of the member at those offsets.
#[inline(always)]
pub(crate) unsafe fn member<F: Copy>(ctx: *mut HPyContext, offsets: &[usize; KNOWN.len()]) -> F {
    let index = CURRENT.load(Ordering::Relaxed);
    // SAFETY: `CURRENT` only ever holds an index of `KNOWN`, and `offsets`
    // has one entry per known layout.
    let offset = unsafe { *offsets.get_unchecked(index) };
    // SAFETY: the caller's context has the selected layout, where a member of
    // type `F` sits at `offset`; members are pointer-aligned.
    unsafe { ctx.cast::<u8>().add(offset).cast::<F>().read() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::MaybeUninit;

    /// The layout `select` picks for a context named `name` on
    /// `implementation` (only the `name` field of the context is read).
    fn selected(implementation: &str, name: &'static CStr) -> Result<&'static str, ()> {
        let mut ctx = MaybeUninit::<HPyContext>::zeroed();
        // SAFETY: `name` is a field of the (zeroed) context.
        unsafe { core::ptr::addr_of_mut!((*ctx.as_mut_ptr()).name).write(name.as_ptr()) };
        // SAFETY: only `name` is read, and it points to a C string.
        unsafe { select(ctx.as_ptr(), implementation) }.map(|l| l.name).map_err(|_| ())
    }

    #[test]
    fn every_runtime_is_recognised_by_its_implementation_and_context_name() {
        let cpython = ["HPy Universal ABI (CPython backend)", "HPy Debug Mode ABI", "HPy Trace Mode ABI"];
        let graalpy =
            ["HPy Universal ABI (GraalVM backend, JNI)", "HPy Debug Mode ABI", "HPy Trace Mode ABI"];
        let pypy = [
            "HPy Universal ABI (PyPy backend)",
            "HPy Debug Mode ABI (PyPy backend)",
            "HPy Trace Mode ABI (PyPy backend)",
        ];
        for (implementation, names, layout) in [
            ("cpython", cpython, "hpy-0.9.0"),
            ("graalpy", graalpy, "graalpy-24.2.2"),
            ("pypy", pypy, "pypy-7.3.19"),
        ] {
            for name in names {
                let name = KNOWN.iter().flat_map(|l| l.runtimes).find(|r| r.to_str() == Ok(name)).unwrap();
                assert_eq!(selected(implementation, name), Ok(layout), "{name:?} on {implementation}");
            }
        }
        // CPython's debug and trace contexts are GraalPy's too: the name alone
        // does not decide, and a name on another implementation is refused.
        assert_eq!(selected("cpython", c"HPy Universal ABI (GraalVM backend, JNI)"), Err(()));
        assert_eq!(selected("cpython", c"HPy Universal ABI (PyPy backend)"), Err(()));
        assert_eq!(selected("pypy", c"HPy Debug Mode ABI"), Err(()));
        assert_eq!(selected("graalpy", c"HPy Universal ABI (CPython backend)"), Err(()));
        assert_eq!(selected("graalpy", c"HPy Debug Mode ABI (PyPy backend)"), Err(()));
        assert_eq!(selected("other", c"HPy Debug Mode ABI"), Err(()));
    }
}
