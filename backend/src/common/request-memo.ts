import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

/**
 * What one request has already read (settings, department names, the latest month ...), so
 * that a GraphQL document with several root fields reads each once. It lives only as long as
 * the request: nothing here is shared between requests or users, so a settings change or a
 * load is seen by the next request (on every instance). A failed read is forgotten, so a
 * later field tries again.
 */
export class RequestMemo {
  private readonly reads = new Map<string, Promise<unknown>>();

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      this.reads.set(key, pending);
      pending.catch(() => this.reads.delete(key));
    }
    return pending;
  }
}

interface WithMemo {
  memo?: RequestMemo;
}

/**
 * The request's memo: the GraphQL context's (one per HTTP request, created with the context in
 * app.module.ts), or one kept on an HTTP request.
 */
export const CurrentRequestMemo = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestMemo => {
    const holder: WithMemo =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<WithMemo>()
        : context.switchToHttp().getRequest<WithMemo>();
    holder.memo ??= new RequestMemo();
    return holder.memo;
  },
);
