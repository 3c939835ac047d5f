//! The third layer: tokens only. Each emitter reads the model (and the
//! item, to write it back) and decides nothing the model already decided.

mod call;
mod class;
mod constructor;
mod convention;
mod exception;
mod function;
mod methods;
mod module;
mod output;
mod slots;
mod stub_records;
mod target;
mod traverse;

pub use class::generate as class;
pub use exception::generate as exception;
pub use function::generate as function;
pub use methods::generate as methods;
pub use module::generate as module;
pub use traverse::derive as traverse;
