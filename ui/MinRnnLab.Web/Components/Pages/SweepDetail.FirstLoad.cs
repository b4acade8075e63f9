using Microsoft.Extensions.Logging;
using MinRnnLab.Web.Services;
using Orleans.Runtime;

namespace MinRnnLab.Web.Components.Pages;

public sealed partial class SweepDetail
{
    // A platform under heavy load can take longer than a call's 30 s to answer the first read. Said on the page and asked
    // again: an exception here would end the tab's circuit, and the reader would see only "an error has occurred".
    private string? slowAnswer;
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(2);

    private async Task<bool> FirstLoadAsync()
    {
        while (true)
        {
            try
            {
                await LoadAsync(SweepPageReads.Now());
                slowAnswer = null;
                return true;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException && !stop.IsCancellationRequested)
            {
                slowAnswer = e is TimeoutException
                    ? "The platform has not answered in time (it may be very busy); asking again."
                    : $"The platform cannot be reached ({e.GetType().Name}); asking again.";
                Logger.LogWarning("sweep page {Sweep}: first read failed, asking again: {Message}", SweepId, e.Message);
                StateHasChanged();
            }
            try
            {
                await Task.Delay(AskAgainAfter, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
