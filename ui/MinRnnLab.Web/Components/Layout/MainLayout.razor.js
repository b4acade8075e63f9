// What the layout needs from the browser: the viewer's time zone and the remembered theme.
const themeKey = "minrnnlab.dark";

export function viewerTimeZone() {
    return { zone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? "", offsetMinutes: -new Date().getTimezoneOffset() };
}

export function loadDarkMode() {
    return localStorage.getItem(themeKey) === "true";
}

export function saveDarkMode(dark) {
    localStorage.setItem(themeKey, dark ? "true" : "false");
    document.documentElement.classList.toggle("dark-start", dark);
}
