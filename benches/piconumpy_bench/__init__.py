"""The piconumpy benchmark: a Runge-Kutta integration driven from a Python
loop (`workload`), run with three implementations of piconumpy's array
(`implementations`) on CPython and PyPy. `cargo xtask bench --piconumpy`
runs it (`bench`); see benches/README.md."""
