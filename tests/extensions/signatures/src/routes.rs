//! Parameters whose conversion the compiler picks from the type, whatever
//! it is called: `&Path`, a user's `FromHPy` type taken by reference,
//! aliases of class borrows and of views.

use hpy::prelude::*;

/// A colour, converted from its name to one of the constants below.
pub struct Color {
    pub name: &'static str,
    pub rgb: (u8, u8, u8),
}

static RED: Color = Color { name: "red", rgb: (255, 0, 0) };
static GREEN: Color = Color { name: "green", rgb: (0, 255, 0) };

/// A user type taken by reference (`&Color`): not a class, a conversion.
impl<'a, 'ctx> FromHPy<'a, 'ctx> for &'a Color {
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<&'a Color> {
        match obj.extract::<&str>()? {
            "red" => Ok(&RED),
            "green" => Ok(&GREEN),
            other => Err(hpy::exceptions::ValueError::new_err(format!("unknown colour {other:?}"))),
        }
    }
}

/// A length, borrowed as `&Meter` or `&mut Meter`.
#[hpy_type]
pub struct Meter {
    pub value: f64,
}

#[hpy_methods]
impl Meter {
    #[new]
    fn new(value: f64) -> Self {
        Meter { value }
    }

    fn value(&self) -> f64 {
        self.value
    }

    /// Takes another instance through an alias of `&Self`.
    fn plus(&self, other: MeterRef<'_>) -> f64 {
        self.value + other.value
    }
}

/// A class borrow under another name.
pub type MeterRef<'a> = &'a Meter;
/// A mutable class borrow under another name.
pub type MeterMut<'a> = &'a mut Meter;
/// A view under another name.
pub type Items<'a, 'ctx> = &'a hpy::List<'ctx>;

/// An alias of `HPyResult<T>`: still a `Result`, whose error is raised.
pub type Made<T> = HPyResult<T>;
/// An alias of `HPyResult<()>`: an in-place operator returning it returns
/// the object itself.
pub type Done = HPyResult<()>;
/// A class borrow of `Tally` under another name.
pub type TallyRef<'a> = &'a Tally;
/// The receiver `&Instance<'_, Tally>` under another name.
pub type This<'ctx> = Instance<'ctx, Tally>;

/// A counter whose returns, receiver and operands are all named through
/// aliases or user types: each is told by its type.
#[hpy_type]
pub struct Tally {
    pub n: i64,
}

#[hpy_methods]
impl Tally {
    #[new]
    fn new(n: i64) -> Made<Self> {
        if n < 0 {
            return Err(hpy::exceptions::ValueError::new_err("a tally is not negative"));
        }
        Ok(Tally { n })
    }

    /// The receiver through an alias of `Instance`.
    fn count(slf: &This<'_>) -> HPyResult<i64> {
        Ok(slf.borrow()?.n)
    }

    fn __iadd__(&mut self, more: i64) -> Done {
        self.n += more;
        Ok(())
    }

    /// An operand of the same class, through an alias.
    fn __add__(&self, other: TallyRef<'_>) -> Tally {
        Tally { n: self.n + other.n }
    }

    /// An operand of another class, through an alias.
    fn __sub__(&self, other: MeterRef<'_>) -> f64 {
        self.n as f64 - other.value
    }

    /// A user's `FromHPy` type taken by reference as an operand.
    fn __contains__(&self, colour: &Color) -> bool {
        i64::from(colour.rgb.0) == self.n
    }
}

/// A class called `Result`: neither its constructor nor its users take it
/// for a `Result`.
pub mod user {
    use hpy::prelude::*;

    #[hpy_type(name = "UserResult")]
    pub struct Result {
        pub value: i64,
    }

    #[hpy_methods]
    impl Result {
        #[new]
        fn new(value: i64) -> Result {
            Result { value }
        }

        fn value(&self) -> i64 {
            self.value
        }
    }
}
