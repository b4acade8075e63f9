namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// A script every test page runs before the app's own: when the browser drops a click, it says why on the console,
/// which the test log shows in detailed output ("browser console: …"). A browser sends no click when the element
/// pressed is not the one released (the page re-rendered it away or shifted it between the two), nor to a button
/// disabled in between. About one full run of the web tests in four, a click on a live page did nothing (the README's
/// paragraph on the tests); this tells a click the browser dropped from one the app did not act on. None has been dropped so far.
/// </summary>
internal static class LostClickWatch
{
    public const string Script = """
        (() => {
          const name = el => {
            if (!(el instanceof Element)) return String(el);
            const id = el.getAttribute('data-testid');
            const text = (el.textContent || '').trim().slice(0, 40);
            return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}>${text}`;
          };
          let pressed = null;
          addEventListener('mousedown', e => { pressed = { target: e.target, rect: e.target.getBoundingClientRect?.() }; }, true);
          addEventListener('mouseup', e => {
            const down = pressed;
            pressed = null;
            if (!down || down.target === e.target || (down.target.contains && down.target.contains(e.target))) return;
            const now = down.target.getBoundingClientRect?.();
            const moved = down.rect && now ? ` (it moved from ${Math.round(down.rect.x)},${Math.round(down.rect.y)} to ${Math.round(now.x)},${Math.round(now.y)})` : '';
            console.error(`lost click: pressed ${name(down.target)}${down.target.isConnected ? '' : ' (since removed from the page)'}${moved}, released on ${name(e.target)} at ${e.clientX},${e.clientY}`);
          }, true);
          // A button disabled by a render that arrived between the test's check and its press gets no click either.
          let clicked = false;
          addEventListener('click', () => { clicked = true; }, true);
          addEventListener('mouseup', e => {
            clicked = false;
            const button = e.target instanceof Element ? e.target.closest('button') : null;
            setTimeout(() => {
              if (!clicked) console.error(`lost click: released on ${name(e.target)}${button && button.disabled ? ' (a disabled button)' : ''} and no click followed`);
            }, 0);
          }, true);
        })();
        """;
}
