"""Contributors' and maintainers' commands: skeletons, quote fixes, synthetic fact bases, benchmarks."""
