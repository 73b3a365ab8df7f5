/** The slice of autocannon (which ships no type declarations) the HTTP benchmark uses. */
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    connections: number;
    duration: number;
    method: 'POST';
    headers: Record<string, string>;
    body: string;
  }
  interface AutocannonResult {
    requests: { total: number };
    non2xx: number;
    errors: number;
    latency: { p50: number; p97_5: number; p99: number };
  }
  interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): void;
  }
  export default function autocannon(options: AutocannonOptions): AutocannonInstance;
}
