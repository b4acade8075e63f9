// libtorch has one global random generator per process: tests that seed it (trainers, initialisations) must not
// interleave with tests that draw from it, or "same seed, same numbers" stops holding.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
