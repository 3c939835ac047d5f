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
/// HPy 0.9 cannot take a pending exception out of the interpreter, so a
/// pending error should be returned (or [cleared](HPyErr::clear)) promptly:
/// calling into Python with an exception set is an error.
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
    pub const fn builtin(get: for<'c> fn(Ctx<'c>) -> Borrowed<'c, 'c>, name: &'static str) -> ExcType {
        ExcType(TypeRepr::Builtin(get, name))
    }

    /// An exception type stored in a [`Global`] (see [`Global::new_exception`]).
    pub const fn global(global: &'static Global, name: &'static str) -> ExcType {
        ExcType(TypeRepr::Global(global, name))
    }

    /// The exception's Python name.
    pub fn name(self) -> &'static str {
        match self.0 {
            TypeRepr::Builtin(_, name) | TypeRepr::Global(_, name) => name,
        }
    }

    /// Runs `f` with the type object; `None` if a global was never set.
    fn with_type<R>(self, ctx: Ctx<'_>, f: impl FnOnce(&crate::Handle<'_>) -> R) -> Option<R> {
        match self.0 {
            TypeRepr::Builtin(get, _) => Some(f(&get(ctx))),
            TypeRepr::Global(global, _) => global.load(ctx).map(|h| f(&h)),
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
        }
    }

    /// The type of a new exception (`None` when pending).
    pub fn exc_type(&self) -> Option<ExcType> {
        match self.state {
            State::Pending => None,
            State::New { ty, .. } | State::Conversion { ty, .. } => Some(ty),
        }
    }

    /// Names the subject of a conversion failure: `f() argument 'x' must be
    /// str, not int`. Other errors are returned unchanged.
    pub fn for_argument(self, function: &str, argument: &str) -> HPyErr {
        match self.state {
            State::Conversion { ty, predicate } => {
                HPyErr::new(ty, format!("{function}() argument '{argument}' {predicate}"))
            }
            state => HPyErr { state },
        }
    }

    /// Whether the exception is an instance of `ty` (or of a subclass).
    pub fn is_instance_of(&self, ctx: Ctx<'_>, ty: ExcType) -> bool {
        match self.state {
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
        let (ty, msg) = match self.state {
            State::Pending => return,
            State::New { ty, msg } => (ty, msg),
            State::Conversion { ty, predicate } => (ty, Cow::Owned(format!("value {predicate}"))),
        };
        let text = c_message(&msg);
        let raised = ty.with_type(ctx, |t| {
            // SAFETY: `t` is an exception type open in this call; `text` is NUL-terminated.
            unsafe { hpy_sys::HPyErr_SetString(ctx.as_raw(), t.as_raw(), text.as_ptr()) }
        });
        if raised.is_none() {
            let text = c_message(&format!("{} (the exception type {} is not initialized)", msg, ty.name()));
            // SAFETY: SystemError is a context constant; `text` is NUL-terminated.
            unsafe { hpy_sys::HPyErr_SetString(ctx.as_raw(), ctx.system_error().as_raw(), text.as_ptr()) }
        }
    }
}

/// The message as a C string; interior NULs would cut it short, so they are
/// written as `\0`.
fn c_message(msg: &str) -> CString {
    CString::new(msg.replace('\0', "\\0")).expect("NULs were replaced")
}

impl core::fmt::Debug for HPyErr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match (&self.state, self.message()) {
            (State::Pending, _) => f.write_str("HPyErr(<pending Python exception>)"),
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
            (State::New { ty, .. } | State::Conversion { ty, .. }, Some(msg)) => {
                write!(f, "{}: {msg}", ty.name())
            }
            _ => unreachable!("a new exception has a message"),
        }
    }
}

impl std::error::Error for HPyErr {}

impl From<std::io::Error> for HPyErr {
    /// `OSError` (or the subclass that matches the error kind).
    fn from(err: std::io::Error) -> HPyErr {
        use crate::exceptions as e;
        use std::io::ErrorKind as K;
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
value_errors!(
    std::num::ParseIntError,
    std::num::ParseFloatError,
    std::num::TryFromIntError,
    std::str::Utf8Error,
    std::string::FromUtf8Error
);
