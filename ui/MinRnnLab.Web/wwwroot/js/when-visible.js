// Tells .NET once an element comes near the screen, so a heavy chart (Plotly's parallel coordinates: 4.7 MB of
// plotly.js, loaded with its first chart) is set up only for a reader who scrolls to it.
const observers = new Map();

export function observe(element, dotnet, marginPx) {
    const observer = new IntersectionObserver(entries => {
        if (!entries.some(e => e.isIntersecting))
            return;
        observer.disconnect();
        observers.delete(element);
        dotnet.invokeMethodAsync("OnVisible").catch(() => { });
    }, { rootMargin: `${marginPx}px 0px` });
    observer.observe(element);
    observers.set(element, observer);
}

export function stop(element) {
    observers.get(element)?.disconnect();
    observers.delete(element);
}
