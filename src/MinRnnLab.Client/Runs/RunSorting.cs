namespace MinRnnLab.Client.Runs;

/// <summary>Orders the Runs table by one column: numbers as numbers, text ignoring case, rows without a value last either way.</summary>
public static class RunSorting
{
    public static IReadOnlyList<RunRow> Sort(IEnumerable<RunRow> rows, RunColumn column, bool descending)
    {
        // Missing values sort last whichever way the reader sorts: they are never the answer to "best first".
        var (withValue, without) = (new List<RunRow>(), new List<RunRow>());
        foreach (var row in rows)
            (HasValue(column, row) ? withValue : without).Add(row);
        IOrderedEnumerable<RunRow> ordered = column.IsNumeric
            ? descending ? withValue.OrderByDescending(r => column.Number(r)) : withValue.OrderBy(r => column.Number(r))
            : descending ? withValue.OrderByDescending(r => column.Text(r), StringComparer.OrdinalIgnoreCase)
                : withValue.OrderBy(r => column.Text(r), StringComparer.OrdinalIgnoreCase);
        return [.. ordered, .. without];
    }

    private static bool HasValue(RunColumn column, RunRow row) =>
        column.IsNumeric ? column.Number(row) is not null : !string.IsNullOrEmpty(column.Text(row));
}
