import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, type ErrorCode } from './domain/domain-error.js';

/**
 * The one mapping of DomainError to the API's errors: GraphQL errors carry the code as
 * `extensions.code` and the sentence as the message; HTTP answers carry the status below. (The
 * command line's is in cli/main.ts: the sentence, exit code 1.)
 */
const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_GATEWAY: 502,
};

const HTTP_EXCEPTION: Readonly<Partial<Record<ErrorCode, new (message: string) => HttpException>>> =
  {
    BAD_USER_INPUT: BadRequestException,
    UNAUTHENTICATED: UnauthorizedException,
    FORBIDDEN: ForbiddenException,
    NOT_FOUND: NotFoundException,
  };

/** The HTTP status of a refusal, for handlers that write their own answer. */
export const httpStatusOf = (error: DomainError): number => HTTP_STATUS[error.code];

/** A DomainError as a GraphQL error with its code; anything else unchanged. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  return error;
}

/** A DomainError as Nest's HTTP exception of its status; anything else unchanged. */
export function toHttpException(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const code: ErrorCode = (error as DomainError).code;
  const Exception = HTTP_EXCEPTION[code];
  return Exception
    ? new Exception(error.message)
    : new HttpException(error.message, HTTP_STATUS[code]);
}

/** Runs a resolver's work and maps its refusals to GraphQL errors. */
export async function asGraphqlErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toGraphQLError(error);
  }
}

/** Runs a controller's work and maps its refusals to HTTP exceptions. */
export async function asHttpErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toHttpException(error);
  }
}
