//! Argument parsing for the `VARARGS` and `KEYWORDS` calling conventions,
//! with the error messages CPython gives for a Python function of the same
//! signature.

use crate::exceptions::{ExceptionType, TypeError, UnicodeEncodeError};
use crate::{Borrowed, Ctx, FromHPy, HPyErr, HPyResult, Handle, IntoHPy};
use hpy_sys::HPy;

/// The Python signature of a function, for parsing and error messages.
pub struct FunctionDescription {
    /// The name in messages: `greet` gives "greet() missing 1 required ...".
    pub name: &'static str,
    /// Every named parameter: the positional ones (positional-only first),
    /// then the keyword-only ones.
    pub params: &'static [&'static str],
    /// Whether each parameter of `params` must be given.
    pub required: &'static [bool],
    /// How many of `params` are positional-only.
    pub positional_only: usize,
    /// How many of `params` can be given by position.
    pub positional: usize,
    /// Whether extra positional arguments go to `*args`.
    pub varargs: bool,
    /// Whether unknown keyword arguments go to `**kwargs`.
    pub varkw: bool,
}

/// The arguments that did not bind to a named parameter.
pub struct Extra<'a, 'ctx> {
    /// The positional arguments beyond the named ones (for `*args`).
    pub varargs: &'a [HPy],
    /// The unknown keyword arguments (for `**kwargs`), if any were given.
    pub kwargs: Option<Handle<'ctx>>,
}

fn type_error(msg: String) -> HPyErr {
    HPyErr::new(TypeError::exc_type(), msg)
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`, as CPython lists names.
fn quoted_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("'{one}'"),
        [a, b] => format!("'{a}' and '{b}'"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("'{n}'")).collect();
            format!("{}, and '{last}'", init.join(", "))
        }
    }
}

impl FunctionDescription {
    /// Binds positional arguments (`VARARGS`): slot `i` receives parameter
    /// `i`, or `None`; the arguments beyond the named ones are returned for
    /// `*args`.
    ///
    /// # Safety
    /// `args` must point to `nargs` handles open for `'a` in `ctx`.
    pub unsafe fn parse_positional<'a, 'ctx, const N: usize>(
        &self,
        ctx: Ctx<'ctx>,
        args: *const HPy,
        nargs: usize,
    ) -> HPyResult<([Option<Borrowed<'a, 'ctx>>; N], &'a [HPy])> {
        // SAFETY: forwarded from the caller.
        let args: &'a [HPy] = unsafe { handles(args, nargs) };
        let mut slots = [hpy_sys::HPy_NULL; N];
        let bound = self.bind_positional(args, &mut slots);
        self.check_positional_count(nargs, 0)?;
        self.check_missing(&slots)?;
        // SAFETY: every slot is null or one of the caller's open arguments.
        Ok((unsafe { borrow_slots(ctx, slots) }, &args[bound..]))
    }

    /// Binds positional and keyword arguments (`KEYWORDS`, vectorcall-style:
    /// keyword values follow the positional ones in `args`, their names are
    /// in the `kwnames` tuple).
    ///
    /// # Safety
    /// `args` must point to `nargs` + `len(kwnames)` handles open for `'a`
    /// in `ctx`, and `kwnames` must be null or a tuple of `str`.
    #[inline]
    pub unsafe fn parse_keywords<'a, 'ctx, const N: usize>(
        &self,
        ctx: Ctx<'ctx>,
        args: *const HPy,
        nargs: usize,
        kwnames: HPy,
    ) -> HPyResult<([Option<Borrowed<'a, 'ctx>>; N], Extra<'a, 'ctx>)> {
        let mut slots = [hpy_sys::HPy_NULL; N];
        let extra = if kwnames.is_null() {
            // No keyword given (HPy passes no names then): positional binding only.
            // SAFETY: forwarded from the caller.
            let args: &'a [HPy] = unsafe { handles(args, nargs) };
            let bound = self.bind_positional(args, &mut slots);
            self.check_positional_count(nargs, 0)?;
            self.check_missing(&slots)?;
            Extra { varargs: &args[bound..], kwargs: None }
        } else {
            // SAFETY: forwarded from the caller.
            unsafe { self.bind_keywords(ctx, args, nargs, kwnames, &mut slots) }?
        };
        // SAFETY: every slot is null or one of the caller's open arguments.
        Ok((unsafe { borrow_slots(ctx, slots) }, extra))
    }

    /// # Safety
    /// As for [`FunctionDescription::parse_keywords`].
    unsafe fn bind_keywords<'a, 'ctx>(
        &self,
        ctx: Ctx<'ctx>,
        args: *const HPy,
        nargs: usize,
        kwnames: HPy,
        slots: &mut [HPy],
    ) -> HPyResult<Extra<'a, 'ctx>> {
        let nkw = if kwnames.is_null() {
            0
        } else {
            // SAFETY: `kwnames` is a tuple open in this call.
            unsafe { hpy_sys::HPy_Length(ctx.as_raw(), kwnames) as usize }
        };
        // SAFETY: forwarded from the caller.
        let all: &'a [HPy] = unsafe { handles(args, nargs + nkw) };
        let (positional, keyword_values) = all.split_at(nargs);
        let bound = self.bind_positional(positional, slots);
        let mut kwargs = None;
        let mut keyword_only_given = 0;
        for (index, &value) in keyword_values.iter().enumerate() {
            // SAFETY: `kwnames` is a tuple of `nkw` items; GetItem_i returns a new handle.
            let name_handle =
                unsafe { ctx.wrap(hpy_sys::HPy_GetItem_i(ctx.as_raw(), kwnames, index as isize)) }?;
            match self.find_param(&name_handle) {
                Some(j) if j >= self.positional_only => {
                    if !slots[j].is_null() {
                        return Err(type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            self.name, self.params[j]
                        )));
                    }
                    if j >= self.positional {
                        keyword_only_given += 1;
                    }
                    slots[j] = value;
                }
                _ if self.varkw => {
                    let dict = match &kwargs {
                        Some(dict) => dict,
                        None => kwargs.insert(new_dict(ctx)?),
                    };
                    // SAFETY: all three handles are open in this call.
                    let status = unsafe {
                        hpy_sys::HPy_SetItem(ctx.as_raw(), dict.as_raw(), name_handle.as_raw(), value)
                    };
                    if status < 0 {
                        return Err(HPyErr::fetch());
                    }
                }
                _ => return Err(self.unknown_keyword(ctx, kwnames, nkw, &name_handle)),
            }
        }
        self.check_positional_count(nargs, keyword_only_given)?;
        self.check_missing(slots)?;
        Ok(Extra { varargs: &positional[bound..], kwargs })
    }

    /// The parameter that the keyword `name` (a `str`) names, compared
    /// character by character. (Reading the name as UTF-8 would make HPy's
    /// debug mode copy it into freshly protected memory on every call, a
    /// few system calls each time.) A lone surrogate names no parameter.
    #[cfg(not(feature = "cpython-abi"))]
    fn find_param(&self, name: &Handle<'_>) -> Option<usize> {
        const SHORT: usize = 32;
        let (raw, h) = (name.ctx().as_raw(), name.as_raw());
        // SAFETY: `name` is a str open in its context.
        let len = unsafe { hpy_sys::HPy_Length(raw, h) };
        // SAFETY: `at` is below the length.
        let read = |at: usize| unsafe { hpy_sys::HPyUnicode_ReadChar(raw, h, at as isize) };
        let len = usize::try_from(len).ok()?;
        let matches = |param: &str, char_at: &dyn Fn(usize) -> u32| {
            let mut at = 0;
            param.chars().all(|c| {
                let same = at < len && char_at(at) == c as u32;
                at += 1;
                same
            }) && at == len
        };
        if len <= SHORT {
            // Short names (all real ones) are read once.
            let mut chars = [0u32; SHORT];
            for (at, c) in chars[..len].iter_mut().enumerate() {
                *c = read(at);
            }
            self.params.iter().position(|param| matches(param, &|at| chars[at]))
        } else {
            self.params.iter().position(|param| matches(param, &read))
        }
    }

    /// The parameter that the keyword `name` (a `str`) names, in the
    /// CPython ABI: its UTF-8 form (kept by the `str` itself, no copy; there
    /// is no debug mode here) compared with the parameters' names. A lone
    /// surrogate names no parameter (its encoding error is cleared).
    #[cfg(feature = "cpython-abi")]
    fn find_param(&self, name: &Handle<'_>) -> Option<usize> {
        let (raw, h) = (name.ctx().as_raw(), name.as_raw());
        let mut size = 0;
        // SAFETY: `name` is a str open in its context; the UTF-8 form lives as long as it.
        let utf8 = unsafe { hpy_sys::HPyUnicode_AsUTF8AndSize(raw, h, &mut size) };
        if utf8.is_null() {
            // SAFETY: the encoding error just raised is the pending exception.
            unsafe { hpy_sys::HPyErr_Clear(raw) };
            return None;
        }
        // SAFETY: CPython gives `size` bytes at `utf8`, alive while `name` is.
        let bytes = unsafe { core::slice::from_raw_parts(utf8.cast::<u8>(), size as usize) };
        // A byte loop: names are short, and a `memcmp` call per parameter costs more.
        self.params
            .iter()
            .position(|param| param.len() == bytes.len() && param.bytes().zip(bytes).all(|(a, &b)| a == b))
    }

    #[inline]
    fn bind_positional(&self, args: &[HPy], slots: &mut [HPy]) -> usize {
        let bound = args.len().min(self.positional);
        // An element loop: a handful of handles, cheaper than a memcpy call.
        for (slot, arg) in slots.iter_mut().zip(&args[..bound]) {
            *slot = *arg;
        }
        bound
    }

    #[inline]
    fn check_positional_count(&self, given: usize, keyword_only_given: usize) -> HPyResult<()> {
        if given <= self.positional || self.varargs {
            return Ok(());
        }
        Err(self.too_many_positional(given, keyword_only_given))
    }

    #[cold]
    #[inline(never)]
    fn too_many_positional(&self, given: usize, keyword_only_given: usize) -> HPyErr {
        let at_least = self.required[..self.positional].iter().filter(|r| **r).count();
        let (takes, plural) = if at_least < self.positional {
            (format!("from {at_least} to {}", self.positional), true)
        } else {
            (self.positional.to_string(), self.positional != 1)
        };
        let keyword_only = if keyword_only_given > 0 {
            format!(
                " positional argument{} (and {keyword_only_given} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                if keyword_only_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        type_error(format!(
            "{}() takes {takes} positional argument{} but {given}{keyword_only} {} given",
            self.name,
            if plural { "s" } else { "" },
            if given == 1 && keyword_only_given == 0 { "was" } else { "were" }
        ))
    }

    #[inline]
    fn check_missing(&self, slots: &[HPy]) -> HPyResult<()> {
        if self.required.iter().zip(slots).all(|(required, slot)| !*required || !slot.is_null()) {
            return Ok(());
        }
        self.missing_error(slots)
    }

    #[cold]
    #[inline(never)]
    fn missing_error(&self, slots: &[HPy]) -> HPyResult<()> {
        let missing = |range: core::ops::Range<usize>| -> Vec<&'static str> {
            range.filter(|&i| self.required[i] && slots[i].is_null()).map(|i| self.params[i]).collect()
        };
        for (names, kind) in [
            (missing(0..self.positional), "positional"),
            (missing(self.positional..self.params.len()), "keyword-only"),
        ] {
            if !names.is_empty() {
                return Err(type_error(format!(
                    "{}() missing {} required {kind} argument{}: {}",
                    self.name,
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    quoted_list(&names)
                )));
            }
        }
        Ok(())
    }

    /// The error for a keyword that names no parameter: positional-only
    /// parameters passed by keyword are reported together, as CPython does
    /// (or in PyPy's words on PyPy, whose Python functions phrase both
    /// errors differently).
    #[cold]
    fn unknown_keyword(&self, ctx: Ctx<'_>, kwnames: HPy, nkw: usize, name: &Handle<'_>) -> HPyErr {
        let positional_only = &self.params[..self.positional_only];
        let keywords = &self.params[self.positional_only..];
        let (mut misused, mut unknown) = (Vec::new(), 0);
        for index in 0..nkw {
            // SAFETY: `kwnames` is a tuple of `nkw` items.
            let Ok(item) =
                (unsafe { ctx.wrap(hpy_sys::HPy_GetItem_i(ctx.as_raw(), kwnames, index as isize)) })
            else {
                return HPyErr::fetch();
            };
            match item.extract::<&str>() {
                Ok(text) if positional_only.contains(&text) => misused.push(text.to_string()),
                Ok(text) if keywords.contains(&text) => {}
                Ok(_) => unknown += 1,
                Err(err) => {
                    err.clear(ctx);
                    unknown += 1;
                }
            }
        }
        let pypy = crate::runtime::is_pypy();
        if !misused.is_empty() {
            let message = match (pypy, misused.len()) {
                (true, 1) => "got a positional-only argument passed as keyword argument",
                _ => "got some positional-only arguments passed as keyword arguments",
            };
            return type_error(format!("{}() {message}: '{}'", self.name, misused.join(", ")));
        }
        if pypy && unknown > 1 {
            return type_error(format!("{}() got {unknown} unexpected keyword arguments", self.name));
        }
        let name = match name.extract::<&str>() {
            Ok(text) => text.to_string(),
            Err(err) => {
                err.clear(ctx);
                name.repr_string().map(|r| r.trim_matches('\'').to_string()).unwrap_or_default()
            }
        };
        type_error(format!("{}() got an unexpected keyword argument '{name}'", self.name))
    }

    /// Attributes a conversion failure to parameter `index`.
    #[cold]
    #[inline(never)]
    fn argument_error(&self, obj: &Handle<'_>, err: HPyErr, param: &str) -> HPyErr {
        let ctx = obj.ctx();
        if err.is_pending() && err.is::<UnicodeEncodeError>(ctx) && is_str(obj) {
            return surrogate_error(obj, err, &format!("{}() argument '{param}'", self.name));
        }
        err.for_argument(self.name, param)
    }
}

/// The argument array as a slice (HPy may pass a null pointer for none).
///
/// # Safety
/// `args` must point to `len` handles that stay valid for `'a`.
unsafe fn handles<'a>(args: *const HPy, len: usize) -> &'a [HPy] {
    if len == 0 {
        return &[];
    }
    // SAFETY: forwarded from the caller.
    unsafe { core::slice::from_raw_parts(args, len) }
}

/// Borrows the bound arguments.
///
/// # Safety
/// Every non-null slot must be a handle open for `'a` in `ctx`.
unsafe fn borrow_slots<'a, 'ctx, const N: usize>(
    ctx: Ctx<'ctx>,
    slots: [HPy; N],
) -> [Option<Borrowed<'a, 'ctx>>; N] {
    // SAFETY: forwarded from the caller.
    slots.map(|h| if h.is_null() { None } else { Some(unsafe { Borrowed::from_raw(ctx, h) }) })
}

/// Borrows the argument of a function with the `O` convention.
///
/// # Safety
/// `arg` must be the argument HPy passed to the running call.
#[inline(always)]
pub unsafe fn borrow_arg<'ctx>(ctx: Ctx<'ctx>, arg: HPy) -> Borrowed<'ctx, 'ctx> {
    // SAFETY: forwarded from the caller.
    unsafe { Borrowed::from_raw(ctx, arg) }
}

/// Converts a required argument (parsing guarantees it is there).
#[inline(always)]
pub fn extract_required<'a, 'ctx, T: FromHPy<'a, 'ctx>>(
    slot: &'a Option<Borrowed<'_, 'ctx>>,
    desc: &FunctionDescription,
    index: usize,
) -> HPyResult<T> {
    match slot {
        Some(obj) => extract_argument(obj, desc, index),
        None => unreachable!("parsing checked that required arguments are given"),
    }
}

/// The handle of a required argument (parsing guarantees it is there).
#[inline(always)]
pub fn required<'a, 'ctx>(slot: &'a Option<Borrowed<'_, 'ctx>>) -> &'a Handle<'ctx> {
    match slot {
        Some(obj) => obj,
        None => unreachable!("parsing checked that required arguments are given"),
    }
}

/// Converts `*args` or `**kwargs`, naming it in the error.
pub fn extract_named<'a, 'ctx, T: FromHPy<'a, 'ctx>>(
    obj: &'a Handle<'ctx>,
    desc: &FunctionDescription,
    name: &str,
) -> HPyResult<T> {
    T::from_hpy(obj).map_err(|err| desc.argument_error(obj, err, name))
}

/// A new empty dict, for a `**kwargs` that received nothing.
pub fn empty_kwargs<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
    new_dict(ctx)
}

fn new_dict<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
    // SAFETY: a live context.
    unsafe { ctx.wrap(hpy_sys::HPyDict_New(ctx.as_raw())) }
}

fn is_str(obj: &Handle<'_>) -> bool {
    // SAFETY: `obj` is open in its context.
    unsafe { hpy_sys::HPyUnicode_Check(obj.ctx().as_raw(), obj.as_raw()) != 0 }
}

/// Re-raises the `UnicodeEncodeError` of a string with lone surrogates with
/// the same details and a reason that names the argument.
fn surrogate_error(obj: &Handle<'_>, err: HPyErr, subject: &str) -> HPyErr {
    let ctx = obj.ctx();
    err.clear(ctx);
    let raw = ctx.as_raw();
    // SAFETY: `obj` is a str open in `ctx`; ReadChar is bounded by its length.
    let position = unsafe {
        let len = hpy_sys::HPy_Length(raw, obj.as_raw());
        (0..len).find(|&i| (0xD800..=0xDFFF).contains(&hpy_sys::HPyUnicode_ReadChar(raw, obj.as_raw(), i)))
    };
    let Some(position) = position else {
        return HPyErr::new_type::<UnicodeEncodeError>(format!("{subject} cannot be encoded to UTF-8"));
    };
    let reason = format!("surrogates not allowed ({subject})");
    let details = ("utf-8", obj, position, position + 1, reason.as_str()).into_hpy(ctx);
    let details = match details {
        Ok(details) => details,
        Err(e) => return e,
    };
    // GraalPy's `HPyErr_SetObject` passes a tuple as one argument: there the
    // exception is made first (`UnicodeEncodeError(*details)`).
    let value = if crate::runtime::is_graalpy() {
        match ctx.unicode_encode_error().call_tuple_dict(&details, None) {
            Ok(exc) => exc,
            Err(e) => return e,
        }
    } else {
        details
    };
    // SAFETY: the type is a context constant; `value` is open. A tuple value
    // makes HPy call the type with it as the arguments.
    unsafe { hpy_sys::HPyErr_SetObject(raw, ctx.unicode_encode_error().as_raw(), value.as_raw()) };
    HPyErr::fetch()
}

/// Converts argument `index`, naming it in the error.
#[inline(always)]
pub fn extract_argument<'a, 'ctx, T: FromHPy<'a, 'ctx>>(
    obj: &'a Handle<'ctx>,
    desc: &FunctionDescription,
    index: usize,
) -> HPyResult<T> {
    match T::from_hpy(obj) {
        Ok(value) => Ok(value),
        Err(err) => Err(desc.argument_error(obj, err, desc.params[index])),
    }
}

/// Packs the extra positional arguments into a tuple, for `*args`.
///
/// # Safety
/// Every handle of `varargs` must be open in `ctx`.
pub unsafe fn extract_varargs<'ctx>(ctx: Ctx<'ctx>, varargs: &[HPy]) -> HPyResult<Handle<'ctx>> {
    // SAFETY: the caller passes open handles; FromArray only reads them (its
    // C parameter lacks `const`) and takes new references.
    unsafe {
        ctx.wrap(hpy_sys::HPyTuple_FromArray(
            ctx.as_raw(),
            varargs.as_ptr().cast_mut(),
            varargs.len() as isize,
        ))
    }
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
