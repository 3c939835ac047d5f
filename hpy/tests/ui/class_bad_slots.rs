// Slot methods must have the shape of their slot.
use hpy::prelude::*;

#[hpy_type]
pub struct Bag {}

#[hpy_methods]
impl Bag {
    fn __len__(&self, extra: usize) -> usize {
        extra
    }

    fn __getitem__(&self) -> u32 {
        0
    }

    fn __add__(&self, a: i64, b: i64) -> i64 {
        a + b
    }

    fn __hash__(self) -> u64 {
        0
    }

    #[new]
    #[new]
    fn twice() -> Self {
        Bag {}
    }
}

fn main() {}
