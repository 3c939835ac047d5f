//! `@type_from_spec(kind, params)`: `HPyType_FromSpec` with one of a few
//! fixed specs, and the spec parameters given (`NULL`: the kind's default,
//! the base its builtin shape needs).

use crate::args::{Args, harness};
use crate::scenarios::{CALL_DEF, TRAVERSE_DEF, c};
use crate::value::Value;
use core::ffi::{c_char, c_int};
use hpy::prelude::*;
use hpy::sys::*;

/// A null-terminated list of definitions, kept in a static.
struct Defines<const N: usize>([*const HPyDef; N]);
// SAFETY: the definitions are immutable statics.
unsafe impl<const N: usize> Sync for Defines<N> {}

static CALL_DEFINES: Defines<2> = Defines([&raw const CALL_DEF, core::ptr::null()]);
static DATA_DEFINES: Defines<2> = Defines([&raw const TRAVERSE_DEF, core::ptr::null()]);

/// One spec kind: its fields, and the base its shape needs.
#[derive(Clone, Copy)]
struct Kind {
    name: *const c_char,
    basicsize: c_int,
    flags: core::ffi::c_ulong,
    shape: HPyType_BuiltinShape,
    defines: *const *const HPyDef,
    doc: *const c_char,
    base: Option<fn(&HPyContext) -> HPy>,
}

fn kind(name: &[u8]) -> Option<Kind> {
    let plain = Kind {
        name: c(c"conformance.Plain"),
        basicsize: 0,
        flags: HPy_TPFLAGS_DEFAULT,
        shape: HPyType_BuiltinShape_Object,
        defines: core::ptr::null(),
        doc: core::ptr::null(),
        base: None,
    };
    let shaped = |name, shape, base: fn(&HPyContext) -> HPy| Kind {
        name,
        basicsize: 8,
        flags: HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
        shape,
        base: Some(base),
        ..plain
    };
    Some(match name {
        b"plain" => plain,
        b"basetype" => {
            Kind { name: c(c"conformance.Base"), flags: HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE, ..plain }
        }
        b"doc" => Kind { name: c(c"conformance.Documented"), doc: c(c"A documented type."), ..plain },
        b"no_dot" => Kind { name: c(c"NoDot"), ..plain },
        b"negative_size" => Kind { name: c(c"conformance.Negative"), basicsize: -8, ..plain },
        b"data" => Kind {
            name: c(c"conformance.Data"),
            basicsize: 16,
            flags: HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
            defines: DATA_DEFINES.0.as_ptr(),
            ..plain
        },
        b"call" => Kind { name: c(c"conformance.Callable"), defines: CALL_DEFINES.0.as_ptr(), ..plain },
        b"legacy_shape" => {
            Kind { name: c(c"conformance.Legacy"), shape: HPyType_BuiltinShape_Legacy, ..plain }
        }
        b"object" => Kind { name: c(c"conformance.ObjectShape"), basicsize: 8, ..plain },
        b"type" => shaped(c(c"conformance.TypeShape"), HPyType_BuiltinShape_Type, |c| c.h_TypeType),
        b"long" => shaped(c(c"conformance.LongShape"), HPyType_BuiltinShape_Long, |c| c.h_LongType),
        b"float" => shaped(c(c"conformance.FloatShape"), HPyType_BuiltinShape_Float, |c| c.h_FloatType),
        b"unicode" => {
            shaped(c(c"conformance.UnicodeShape"), HPyType_BuiltinShape_Unicode, |c| c.h_UnicodeType)
        }
        b"tuple" => shaped(c(c"conformance.TupleShape"), HPyType_BuiltinShape_Tuple, |c| c.h_TupleType),
        b"list" => shaped(c(c"conformance.ListShape"), HPyType_BuiltinShape_List, |c| c.h_ListType),
        _ => return None,
    })
}

pub fn type_from_spec(ctx: Ctx<'_>, args: &mut Args<'_, '_>) -> HPyResult<Value> {
    let name = args
        .payload(0)?
        .and_then(|p| p.bytes.clone())
        .ok_or_else(|| harness("the kind must be bytes".into()))?;
    let kind =
        kind(&name).ok_or_else(|| harness(format!("no spec kind {:?}", String::from_utf8_lossy(&name))))?;
    let raw = ctx.as_raw();
    // SAFETY: a live context.
    let members = unsafe { &*raw };
    let mut params: Vec<HPyType_SpecParam> = match args.payload(1)? {
        None => kind
            .base
            .map(|base| HPyType_SpecParam { kind: HPyType_SpecParam_Base, object: base(members) })
            .into_iter()
            .collect(),
        Some(p) => {
            let pairs =
                p.items.as_ref().ok_or_else(|| harness("params must be a sequence of pairs".into()))?;
            let mut params = Vec::new();
            for pair in pairs {
                match pair.items.as_deref() {
                    Some([k, obj]) if k.int.is_some() => params.push(HPyType_SpecParam {
                        kind: HPyType_SpecParam_Kind(k.int.unwrap_or(0) as c_int),
                        object: obj.obj.as_raw(),
                    }),
                    _ => return Err(harness("a param is a pair (kind, object)".into())),
                }
            }
            params
        }
    };
    let with_params = !params.is_empty();
    params.push(HPyType_SpecParam { kind: HPyType_SpecParam_Kind(0), object: HPy_NULL });
    // HPy may keep pointers into the spec: it lives as long as the process.
    let spec: &'static mut HPyType_Spec = Box::leak(Box::new(HPyType_Spec {
        name: kind.name,
        basicsize: kind.basicsize,
        itemsize: 0,
        flags: kind.flags,
        builtin_shape: kind.shape,
        legacy_slots: core::ptr::null_mut(),
        defines: kind.defines.cast_mut().cast(),
        doc: kind.doc,
    }));
    let params_ptr = if with_params { params.as_mut_ptr() } else { core::ptr::null_mut() };
    args.before_call();
    // SAFETY: a live context, a complete spec and a terminated parameter list.
    Ok(Value::Handle(unsafe { HPyType_FromSpec(raw, spec, params_ptr) }))
}
