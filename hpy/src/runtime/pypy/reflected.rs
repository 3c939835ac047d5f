//! Reflected binary operators. CPython calls a type's `nb_add` for both
//! `a + b` and `b + a` (the slot receives the operands in order, either may
//! be the instance); PyPy 7.3.19's HPy makes only `__add__` of it, so
//! `1 + obj` raises `TypeError`. On PyPy, every class with a binary number
//! slot gets the reflected method as well (`__radd__`, ...), which calls the
//! slot with the operands swapped, as CPython would.

use crate::class::HPyClass;
use crate::impl_::trampolines::Target;
use core::marker::PhantomData;
use hpy_sys::{HPy, HPyContext, HPyDef, HPySlot_Slot};

/// `other <op> self`: the slot of `T` with the operands swapped.
unsafe extern "C" fn reflected<T: HPyClass, const SLOT: i32>(
    ctx: *mut HPyContext,
    this: HPy,
    other: HPy,
) -> HPy {
    let Some(f) = T::defines().slot_impl(HPySlot_Slot(SLOT)) else { return hpy_sys::HPy_NULL };
    // SAFETY: a binary number slot has the `HPyFunc_BINARYFUNC` signature;
    // this function is only installed for slots `T` defines.
    let f: unsafe extern "C" fn(*mut HPyContext, HPy, HPy) -> HPy = unsafe { core::mem::transmute(f) };
    // SAFETY: the arguments are the method's own: a live context and two
    // handles open for the call.
    unsafe { f(ctx, other, this) }
}

/// `pow(other, self, modulo)`: `nb_power` with the operands swapped.
unsafe extern "C" fn reflected_pow<T: HPyClass>(
    ctx: *mut HPyContext,
    this: HPy,
    args: *const HPy,
    nargs: usize,
) -> HPy {
    let Some(f) = T::defines().slot_impl(hpy_sys::HPy_nb_power) else { return hpy_sys::HPy_NULL };
    // SAFETY: `nb_power` has the `HPyFunc_TERNARYFUNC` signature.
    let f: unsafe extern "C" fn(*mut HPyContext, HPy, HPy, HPy) -> HPy = unsafe { core::mem::transmute(f) };
    // SAFETY: a live context; `args` holds `nargs` open handles.
    unsafe {
        let none = hpy_sys::h_None(ctx);
        match nargs {
            1 => f(ctx, *args, this, none),
            2 => f(ctx, *args, this, *args.add(1)),
            _ => {
                let message = c"__rpow__ expected 1 or 2 arguments";
                hpy_sys::HPyErr_SetString(ctx, hpy_sys::h_TypeError(ctx), message.as_ptr());
                hpy_sys::HPy_NULL
            }
        }
    }
}

struct Reflected<T, const SLOT: i32>(PhantomData<T>);
// SAFETY: `reflected` has the `HPyFunc_O` signature.
unsafe impl<T: HPyClass, const SLOT: i32> Target for Reflected<T, SLOT> {
    type Sig = crate::impl_::sig::O;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl = reflected::<T, SLOT>;
}

struct ReflectedPow<T>(PhantomData<T>);
// SAFETY: `reflected_pow` has the `HPyFunc_VARARGS` signature.
unsafe impl<T: HPyClass> Target for ReflectedPow<T> {
    type Sig = crate::impl_::sig::Varargs;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl = reflected_pow::<T>;
}

fn leak(def: HPyDef) -> &'static HPyDef {
    Box::leak(Box::new(def))
}

/// The method definition of the reflected form of `slot`, if it has one.
fn reflected_def<T: HPyClass>(slot: HPySlot_Slot) -> Option<&'static HPyDef> {
    macro_rules! binary {
        ($($slot:ident => $name:literal),* $(,)?) => {
            $(if slot == hpy_sys::$slot {
                return Some(leak(crate::impl_::meth_def::<Reflected<T, { hpy_sys::$slot.0 }>>($name, None)));
            })*
        };
    }
    binary!(
        HPy_nb_add => c"__radd__",
        HPy_nb_subtract => c"__rsub__",
        HPy_nb_multiply => c"__rmul__",
        HPy_nb_remainder => c"__rmod__",
        HPy_nb_divmod => c"__rdivmod__",
        HPy_nb_lshift => c"__rlshift__",
        HPy_nb_rshift => c"__rrshift__",
        HPy_nb_and => c"__rand__",
        HPy_nb_xor => c"__rxor__",
        HPy_nb_or => c"__ror__",
        HPy_nb_floor_divide => c"__rfloordiv__",
        HPy_nb_true_divide => c"__rtruediv__",
        HPy_nb_matrix_multiply => c"__rmatmul__",
    );
    if slot == hpy_sys::HPy_nb_power {
        return Some(leak(crate::impl_::meth_def::<ReflectedPow<T>>(c"__rpow__", None)));
    }
    None
}

/// Adds the reflected method of every binary number slot in `list`.
pub(crate) fn add_reflected<T: HPyClass>(list: &mut Vec<&'static HPyDef>) {
    let slots: Vec<HPySlot_Slot> = list
        .iter()
        .filter(|def| def.kind == hpy_sys::HPyDef_Kind_Slot)
        // SAFETY: a slot definition's union holds an `HPySlot`.
        .map(|def| unsafe { def.u.slot.slot })
        .collect();
    list.extend(slots.into_iter().filter_map(reflected_def::<T>));
}
