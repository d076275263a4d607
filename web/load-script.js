// Loads a library's prebuilt bundle (from /vendor/) once, when a page first needs it.
const loading = new Map();

export function loadScript(src) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`无法加载 / could not load ${src}`));
      document.head.append(script);
    }));
  }
  return loading.get(src);
}
