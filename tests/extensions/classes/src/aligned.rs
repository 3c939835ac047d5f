//! A class whose value needs the largest alignment HPy guarantees for an
//! object's data (16 bytes); a larger one is a compile error.

use hpy::prelude::*;

/// Sixteen bytes aligned to sixteen.
#[repr(align(16))]
pub struct Block([u8; 16]);

/// Holds an aligned block.
#[hpy_type(subclass)]
pub struct Aligned {
    block: Block,
}

#[hpy_methods]
impl Aligned {
    #[new]
    fn new(fill: u8) -> Self {
        Aligned { block: Block([fill; 16]) }
    }

    /// The block's address modulo 16 (0 when aligned), and its first byte.
    fn check(&self) -> (usize, u8) {
        (core::ptr::from_ref(&self.block) as usize % 16, self.block.0[0])
    }
}
