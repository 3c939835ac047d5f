//! [`HPyErr`]: a Python exception as a Rust error.

use crate::exceptions::ExceptionType;
use crate::{Borrowed, Ctx, Global};
use std::borrow::Cow;
use std::ffi::CString;

/// The result of anything that can raise a Python exception.
pub type HPyResult<T> = Result<T, HPyErr>;

/// A Python exception.
///
/// An `HPyErr` is either **pending**, already set in the interpreter
/// (an HPy call failed, or Python code your code called raised), or a
/// **new** exception, a type and a message, that is raised when it is
/// returned from a function. Returning `Err(e)` from an HPy function raises
/// it; [`HPyErr::restore`] raises it by hand.
///
/// # Pending errors carry no identity
///
/// HPy 0.9 cannot take a pending exception out of the interpreter (it has
/// no `PyErr_Fetch`), so a pending `HPyErr` (from [`HPyErr::fetch`], which
/// every failed call returns) holds nothing: it only says "the exception
/// currently set in the interpreter". Hence:
///
/// - dropping or ignoring a pending error does **not** clear the
///   exception: it stays set, the next call into Python fails or misbehaves
///   on it, and returning a value afterwards makes CPython raise
///   `SystemError` ("returned a result with an exception set");
/// - a pending error kept while more Python code runs may end up meaning
///   another exception, or none (restoring it then raises `SystemError`);
///   two pending errors kept together mean the same exception.
///
/// It is easy to do by accident with the `Err` items of an
/// [`Iter`](crate::Iter) (`obj.iter()?.flatten()`, `.filter_map(Result::ok)`)
/// or with `.ok()` and `let _ =` on any result. So handle a pending error at
/// once: **propagate it** (`?`, or return it), or **clear it**
/// ([`HPyErr::clear`], after [`HPyErr::is`] if only some exceptions are
/// expected) before calling anything else. New errors (made with `new_err`
/// and friends) are plain values and have none of these limits.
pub struct HPyErr {
    state: State,
}

enum State {
    Pending,
    New {
        ty: ExcType,
        msg: Cow<'static, str>,
    },
    /// A conversion failure, phrased about its subject ("must be str, not
    /// int"), so that argument parsing can name the argument.
    Conversion {
        ty: ExcType,
        predicate: Cow<'static, str>,
    },
    /// `OSError(errno, strerror)`, which Python turns into the subclass that
    /// matches `errno` (`FileNotFoundError`, ...).
    Os {
        errno: i32,
        strerror: String,
    },
}

/// A Python exception type, known before there is a context to look it up in.
#[derive(Clone, Copy)]
pub struct ExcType(TypeRepr);

#[derive(Clone, Copy)]
enum TypeRepr {
    Builtin(for<'c> fn(Ctx<'c>) -> Borrowed<'c, 'c>, &'static str),
    Global(&'static Global, &'static str),
}

impl ExcType {
    /// A builtin exception type, given by its accessor on [`Ctx`].
    pub(crate) const fn builtin(get: for<'c> fn(Ctx<'c>) -> Borrowed<'c, 'c>, name: &'static str) -> ExcType {
        ExcType(TypeRepr::Builtin(get, name))
    }

    /// An exception type stored in a [`Global`] (make one with
    /// [`Ctx::new_exception`] and keep it with [`Global::store`]).
    pub const fn global(global: &'static Global, name: &'static str) -> ExcType {
        ExcType(TypeRepr::Global(global, name))
    }

    /// The type object (`RuntimeError` if it is a global not created yet).
    pub fn type_object<'ctx>(self, ctx: Ctx<'ctx>) -> HPyResult<crate::Handle<'ctx>> {
        let missing = || {
            HPyErr::new_type::<crate::exceptions::RuntimeError>(format!(
                "the exception type {} is not created yet",
                self.name()
            ))
        };
        match self.0 {
            TypeRepr::Builtin(get, _) => Ok(get(ctx).to_owned()),
            TypeRepr::Global(global, _) => {
                let ty = global.load(ctx).ok_or_else(missing)?;
                // SAFETY: both handles are open; `type` is a context constant.
                let is_type =
                    unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), ty.as_raw(), ctx.type_type().as_raw()) };
                if is_type == 0 {
                    return Err(missing());
                }
                Ok(ty)
            }
        }
    }

    /// The exception's Python name.
    pub fn name(self) -> &'static str {
        match self.0 {
            TypeRepr::Builtin(_, name) | TypeRepr::Global(_, name) => name,
        }
    }

    /// Runs `f` with the type object; `None` if a global was never set or
    /// does not hold a type.
    fn with_type<R>(self, ctx: Ctx<'_>, f: impl FnOnce(&crate::Handle<'_>) -> R) -> Option<R> {
        match self.0 {
            TypeRepr::Builtin(get, _) => Some(f(&get(ctx))),
            TypeRepr::Global(global, _) => {
                let ty = global.load(ctx)?;
                // SAFETY: both handles are open; `type` is a context constant.
                let is_type =
                    unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), ty.as_raw(), ctx.type_type().as_raw()) };
                (is_type != 0).then(|| f(&ty))
            }
        }
    }
}

impl HPyErr {
    /// A new exception of type `ty`, raised when it is returned.
    pub fn new(ty: ExcType, msg: impl Into<Cow<'static, str>>) -> HPyErr {
        HPyErr { state: State::New { ty, msg: msg.into() } }
    }

    /// A new exception of type `E`.
    pub fn new_type<E: ExceptionType>(msg: impl Into<Cow<'static, str>>) -> HPyErr {
        HPyErr::new(E::exc_type(), msg)
    }

    /// The exception pending in the interpreter (after an HPy call failed).
    pub fn fetch() -> HPyErr {
        HPyErr { state: State::Pending }
    }

    /// A conversion failure about a value; `predicate` reads after a subject:
    /// `"must be str, not int"`, `"is out of range for u8"`.
    pub fn conversion(ty: ExcType, predicate: impl Into<Cow<'static, str>>) -> HPyErr {
        HPyErr { state: State::Conversion { ty, predicate: predicate.into() } }
    }

    /// `TypeError("must be {expected}, not {type of obj}")`, as a conversion
    /// failure.
    pub fn wrong_type(obj: &crate::Handle<'_>, expected: &str) -> HPyErr {
        let actual = obj.type_name();
        HPyErr::conversion(
            crate::exceptions::TypeError::exc_type(),
            format!("must be {expected}, not {actual}"),
        )
    }

    /// Whether this is a conversion failure that argument parsing can
    /// attribute to an argument.
    pub(crate) fn is_conversion(&self) -> bool {
        matches!(self.state, State::Conversion { .. })
    }

    /// Whether the exception is already set in the interpreter.
    pub fn is_pending(&self) -> bool {
        matches!(self.state, State::Pending)
    }

    /// The message of a new exception (`None` when pending).
    pub fn message(&self) -> Option<Cow<'_, str>> {
        match &self.state {
            State::Pending => None,
            State::New { msg, .. } => Some(Cow::Borrowed(msg)),
            State::Conversion { predicate, .. } => Some(Cow::Owned(format!("value {predicate}"))),
            State::Os { errno, strerror } => Some(Cow::Owned(format!("[Errno {errno}] {strerror}"))),
        }
    }

    /// The type of a new exception (`None` when pending).
    pub fn exc_type(&self) -> Option<ExcType> {
        match self.state {
            State::Pending => None,
            State::New { ty, .. } | State::Conversion { ty, .. } => Some(ty),
            State::Os { .. } => Some(crate::exceptions::OSError::exc_type()),
        }
    }

    /// Names the subject of a conversion failure: `f() argument 'x' must be
    /// str, not int`. Other errors are returned unchanged.
    pub fn for_argument(self, function: &str, argument: &str) -> HPyErr {
        self.with_subject(&format!("{function}() argument '{argument}'"))
    }

    /// Names the subject of a conversion failure: `{subject} must be str, not
    /// int`. Other errors are returned unchanged.
    pub fn with_subject(self, subject: &str) -> HPyErr {
        match self.state {
            State::Conversion { ty, predicate } => HPyErr::new(ty, format!("{subject} {predicate}")),
            state => HPyErr { state },
        }
    }

    /// Whether the exception is an instance of `ty` (or of a subclass).
    pub fn is_instance_of(&self, ctx: Ctx<'_>, ty: ExcType) -> bool {
        if let State::Os { .. } = self.state {
            // The subclass depends on errno: compare with OSError itself.
            return HPyErr::new(crate::exceptions::OSError::exc_type(), "").is_instance_of(ctx, ty);
        }
        match self.state {
            State::Os { .. } => unreachable!(),
            State::Pending => ty
                .with_type(ctx, |t| {
                    // SAFETY: `t` is open in this call.
                    unsafe { hpy_sys::HPyErr_ExceptionMatches(ctx.as_raw(), t.as_raw()) != 0 }
                })
                .unwrap_or(false),
            State::New { ty: own, .. } | State::Conversion { ty: own, .. } => own
                .with_type(ctx, |mine| {
                    ty.with_type(ctx, |other| {
                        // SAFETY: both type objects are open in this call.
                        unsafe {
                            hpy_sys::HPyType_IsSubtype(ctx.as_raw(), mine.as_raw(), other.as_raw()) != 0
                        }
                    })
                })
                .flatten()
                .unwrap_or(false),
        }
    }

    /// Whether the exception is an instance of `E`.
    pub fn is<E: ExceptionType>(&self, ctx: Ctx<'_>) -> bool {
        self.is_instance_of(ctx, E::exc_type())
    }

    /// Discards the exception (clears it when it is pending).
    pub fn clear(self, ctx: Ctx<'_>) {
        if self.is_pending() {
            // SAFETY: clearing the error indicator is always allowed.
            unsafe { hpy_sys::HPyErr_Clear(ctx.as_raw()) }
        }
    }

    /// Raises the exception in the interpreter.
    pub fn restore(self, ctx: Ctx<'_>) {
        let (ty, value) = match self.state {
            State::Pending => {
                // SAFETY: querying the error indicator is always allowed.
                if unsafe { hpy_sys::HPyErr_Occurred(ctx.as_raw()) } == 0 {
                    set_message(
                        ctx,
                        &ctx.system_error(),
                        "an HPy call reported an error, but no exception was set",
                    );
                }
                return;
            }
            State::New { ty, msg } => (ty, Value::Message(msg)),
            State::Conversion { ty, predicate } => {
                (ty, Value::Message(Cow::Owned(format!("value {predicate}"))))
            }
            State::Os { errno, strerror } => {
                (crate::exceptions::OSError::exc_type(), Value::Os(errno, strerror))
            }
        };
        let raised = ty.with_type(ctx, |t| match &value {
            Value::Message(msg) => set_message(ctx, t, msg),
            Value::Os(errno, strerror) => {
                // `OSError(errno, strerror)` picks the subclass; raising the
                // instance (not the type and arguments) keeps `except
                // FileNotFoundError` working on Pythons that normalize lazily.
                if let Ok(instance) = t.call((*errno, strerror.as_str())) {
                    let ty = instance.get_type();
                    // SAFETY: `ty` is the instance's type; both are open.
                    unsafe { hpy_sys::HPyErr_SetObject(ctx.as_raw(), ty.as_raw(), instance.as_raw()) }
                }
            }
        });
        if raised.is_none() {
            let text = format!("{} (the exception type {} is not created yet)", value.text(), ty.name());
            set_message(ctx, &ctx.system_error(), &text);
        }
    }
}

/// What a new exception is raised with.
enum Value {
    Message(Cow<'static, str>),
    Os(i32, String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Message(msg) => msg.to_string(),
            Value::Os(errno, strerror) => format!("[Errno {errno}] {strerror}"),
        }
    }
}

/// `raise ty(msg)`: the message goes as a `str` object, so it may hold any
/// character (even NUL); if even that fails, the pending error is the
/// failure (such as MemoryError).
fn set_message(ctx: Ctx<'_>, ty: &crate::Handle<'_>, msg: &str) {
    match crate::conversion::string::new_str(ctx, msg) {
        // SAFETY: `ty` is an exception type and `text` a str, both open.
        Ok(text) => unsafe { hpy_sys::HPyErr_SetObject(ctx.as_raw(), ty.as_raw(), text.as_raw()) },
        Err(_) => {
            let fallback = CString::new(msg.replace('\0', "\\0")).unwrap_or_default();
            // SAFETY: as above, with a NUL-terminated message.
            unsafe { hpy_sys::HPyErr_SetString(ctx.as_raw(), ty.as_raw(), fallback.as_ptr()) }
        }
    }
}

impl core::fmt::Debug for HPyErr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match (&self.state, self.message()) {
            (State::Pending, _) => f.write_str("HPyErr(<pending Python exception>)"),
            (State::Os { .. }, Some(msg)) => write!(f, "HPyErr(OSError: {msg})"),
            (State::New { ty, .. } | State::Conversion { ty, .. }, Some(msg)) => {
                write!(f, "HPyErr({}: {msg})", ty.name())
            }
            _ => unreachable!("a new exception has a message"),
        }
    }
}

impl core::fmt::Display for HPyErr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match (&self.state, self.message()) {
            (State::Pending, _) => f.write_str("a Python exception is pending"),
            (State::Os { .. }, Some(msg)) => write!(f, "OSError: {msg}"),
            (State::New { ty, .. } | State::Conversion { ty, .. }, Some(msg)) => {
                write!(f, "{}: {msg}", ty.name())
            }
            _ => unreachable!("a new exception has a message"),
        }
    }
}

impl std::error::Error for HPyErr {}

impl From<std::io::Error> for HPyErr {
    /// `OSError(errno, strerror)` when the error has an OS error number
    /// (Python picks the subclass: `FileNotFoundError`, ...), else the
    /// subclass matching the error kind.
    fn from(err: std::io::Error) -> HPyErr {
        use crate::exceptions as e;
        use std::io::ErrorKind as K;
        if let Some(errno) = err.raw_os_error() {
            let text = err.to_string();
            let strerror = match text.rfind(" (os error ") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            };
            return HPyErr { state: State::Os { errno, strerror } };
        }
        let ty = match err.kind() {
            K::NotFound => e::FileNotFoundError::exc_type(),
            K::PermissionDenied => e::PermissionError::exc_type(),
            K::AlreadyExists => e::FileExistsError::exc_type(),
            K::WouldBlock => e::BlockingIOError::exc_type(),
            K::TimedOut => e::TimeoutError::exc_type(),
            K::Interrupted => e::InterruptedError::exc_type(),
            K::BrokenPipe => e::BrokenPipeError::exc_type(),
            K::ConnectionRefused => e::ConnectionRefusedError::exc_type(),
            K::ConnectionReset => e::ConnectionResetError::exc_type(),
            K::ConnectionAborted => e::ConnectionAbortedError::exc_type(),
            K::OutOfMemory => e::MemoryError::exc_type(),
            _ => e::OSError::exc_type(),
        };
        HPyErr::new(ty, err.to_string())
    }
}

impl From<std::num::TryFromIntError> for HPyErr {
    /// `OverflowError`, as CPython raises for an integer out of range.
    fn from(err: std::num::TryFromIntError) -> HPyErr {
        HPyErr::new_type::<crate::exceptions::OverflowError>(err.to_string())
    }
}

macro_rules! value_errors {
    ($($t:ty),*) => {$(
        impl From<$t> for HPyErr {
            /// `ValueError` with the error's message.
            fn from(err: $t) -> HPyErr {
                HPyErr::new_type::<crate::exceptions::ValueError>(err.to_string())
            }
        }
    )*};
}
// UnicodeDecodeError needs the undecodable bytes, which these errors do not
// keep; ValueError is its base class.
value_errors!(
    std::num::ParseIntError,
    std::num::ParseFloatError,
    std::str::Utf8Error,
    std::string::FromUtf8Error
);
