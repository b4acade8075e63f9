// Commands draw Spectre.Console live displays, and only one may be on screen at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
