//! [`Code`]: a code object, compiled from source and evaluated.

use super::{Dict, Type};
use crate::exceptions::TypeError;
use crate::ffi::c_str::with_c_str_or_err;
use crate::object::special::find_in_mro;
use crate::{Ctx, HPyErr, HPyResult, Handle, IntoHPy};

/// What [`Ctx::compile`] compiles (`HPy_SourceKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// One expression (`eval` mode): evaluating gives its value.
    Expr,
    /// A sequence of statements, as in a module (`exec` mode).
    File,
    /// One interactive statement (`single` mode): expression values are
    /// printed.
    Single,
}

impl SourceKind {
    fn to_raw(self) -> hpy_sys::HPy_SourceKind {
        match self {
            SourceKind::Expr => hpy_sys::HPy_SourceKind_Expr,
            SourceKind::File => hpy_sys::HPy_SourceKind_File,
            SourceKind::Single => hpy_sys::HPy_SourceKind_Single,
        }
    }
}

/// A code object. HPy evaluates only real code objects, so a `Code` comes
/// from [`Ctx::compile`] or from [`Code::from_handle`], which checks the
/// type against the real code type.
#[repr(transparent)]
pub struct Code<'ctx>(Handle<'ctx>);

impl<'ctx> Ctx<'ctx> {
    /// `compile(source, filename, mode)` (`HPy_Compile_s`): a
    /// `SyntaxError` is raised as usual.
    pub fn compile(self, source: &str, filename: &str, kind: SourceKind) -> HPyResult<Code<'ctx>> {
        let raw = with_c_str_or_err(source, "the source", |source| {
            with_c_str_or_err(filename, "the file name", |filename| {
                // SAFETY: both strings are NUL-terminated; `kind` is valid.
                unsafe { hpy_sys::HPy_Compile_s(self.as_raw(), source, filename, kind.to_raw()) }
            })
        })??;
        // SAFETY: a new code object or null with an exception set.
        unsafe { self.wrap(raw) }.map(Code)
    }
}

impl<'ctx> Code<'ctx> {
    /// The type of code objects, taken from a code object compiled here:
    /// looking it up by name (`types.CodeType`) would trust whatever Python
    /// code put there. Found again on each call, since a handle cannot be
    /// kept across calls.
    fn code_type(ctx: Ctx<'ctx>) -> HPyResult<Type<'ctx>> {
        Ok(ctx.compile("None", "<hpy-rs>", SourceKind::Expr)?.get_type())
    }

    /// Uses `obj` as a code object; `TypeError` ("must be code, not str")
    /// unless it is one. The type is compared with the real code type
    /// (which cannot be subclassed), so replacing `types.CodeType` in Python
    /// changes nothing.
    pub fn from_handle(obj: Handle<'ctx>) -> HPyResult<Code<'ctx>> {
        let code_type = Code::code_type(obj.ctx())?;
        if !obj.get_type().is(&code_type) {
            return Err(HPyErr::wrong_type(&obj, "code"));
        }
        Ok(Code(obj))
    }

    /// Runs the code (`HPy_EvalCode`), as `eval(code, globals, locals)`:
    /// the value of an expression, `None` for statements. `locals` (any
    /// mapping) defaults to `globals`, also when it is `None`; as Python's
    /// `eval` does, `globals` gets the builtins (`ctx.builtins()`) as
    /// `__builtins__` if it has none (so that the code sees the same
    /// builtins on every Python version).
    ///
    /// `HPy_EvalCode` skips the checks of Python's `eval`, so they are made
    /// here, with its messages: `TypeError` for code with free variables
    /// (the body of a closure, which would crash the interpreter) and for
    /// `locals` that are not a mapping (a type without `__getitem__`).
    pub fn eval(&self, globals: &Dict<'ctx>, locals: Option<&Handle<'ctx>>) -> HPyResult<Handle<'ctx>> {
        let ctx = self.0.ctx();
        let locals = locals.filter(|locals| !locals.is_none());
        // The messages are those of `eval` on each runtime.
        let pypy = crate::runtime::is_pypy();
        if let Some(locals) = locals
            && find_in_mro(&locals.get_type(), "__getitem__")?.is_none()
        {
            return Err(TypeError::new_err(match pypy {
                true => format!("eval() arg 3 must be a mapping or None, not {}", locals.type_name()),
                false => "locals must be a mapping".into(),
            }));
        }
        if !self.0.getattr("co_freevars")?.is_empty()? {
            return Err(TypeError::new_err(match pypy {
                true => "directly executed code object may not contain free variables",
                false => "code object passed to eval() may not contain free variables",
            }));
        }
        if !globals.contains("__builtins__")? {
            globals.set_item("__builtins__", ctx.builtins())?;
        }
        let locals = locals.map_or(globals.as_raw(), Handle::as_raw);
        // SAFETY: `self` is a code object without free variables, `globals`
        // a dict, `locals` an open mapping.
        unsafe { ctx.wrap(hpy_sys::HPy_EvalCode(ctx.as_raw(), self.0.as_raw(), globals.as_raw(), locals)) }
    }

    /// The handle.
    pub fn into_handle(self) -> Handle<'ctx> {
        self.0
    }
}

impl<'ctx> core::ops::Deref for Code<'ctx> {
    type Target = Handle<'ctx>;

    fn deref(&self) -> &Handle<'ctx> {
        &self.0
    }
}

impl<'ctx> IntoHPy<'ctx> for Code<'ctx> {
    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.0)
    }
}
