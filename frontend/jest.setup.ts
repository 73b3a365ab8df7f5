// jsdom lacks ResizeObserver, which Recharts' responsive charts use; a silent stand-in suffices
// because chart layout is tested in the browser, not here.
class ResizeObserverStandIn {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!('ResizeObserver' in globalThis)) {
  Object.defineProperty(globalThis, 'ResizeObserver', { value: ResizeObserverStandIn });
}
