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
