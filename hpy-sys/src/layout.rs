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
//! The runtime is recognised by `ctx->name`, which names the runtime and the
//! mode (`"HPy Debug Mode ABI (PyPy backend)"`); a name no layout lists is
//! refused, so that no call ever goes to a slot of an unknown layout.

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
    /// The runtime's `sys.implementation.name` (`cpython`, `pypy`).
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

/// The known layout whose runtimes include the context name `name`.
pub fn of_runtime(name: &CStr) -> Option<&'static Layout> {
    KNOWN.iter().find(|l| l.runtimes.contains(&name))
}

/// The layout in use.
pub fn current() -> &'static Layout {
    &KNOWN[CURRENT.load(Ordering::Relaxed)]
}

/// Recognises the runtime of `ctx` by its name and routes every later call
/// of this binary through its layout. Returns the layout, or the context's
/// name when no known layout lists it (the layout in use is then unchanged).
///
/// # Safety
/// `ctx` must point to a live HPy context; only its `name` header field is
/// read, which every HPy 0.9 runtime has.
pub unsafe fn select<'a>(ctx: *const HPyContext) -> Result<&'static Layout, &'a CStr> {
    // SAFETY: the caller passes a live context; `name` is the first header
    // field of every 0.9 context and points to a NUL-terminated string that
    // lives as long as the runtime.
    let name: &CStr = unsafe { CStr::from_ptr(core::ptr::addr_of!((*ctx).name).read().cast::<c_char>()) };
    let index = KNOWN.iter().position(|l| l.runtimes.contains(&name)).ok_or(name)?;
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
