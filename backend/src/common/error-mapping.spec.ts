import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AdminError, AdminErrorCode } from '../modules/admin/domain/admin-error.js';
import { AuthError } from '../modules/auth/auth.exception.js';
import { PackError, PackErrorCode } from '../modules/committee-pack/domain/pack-error.js';
import { ImportError } from '../modules/ingestion/import.exception.js';
import { DomainError } from './domain/domain-error.js';
import { asGraphqlErrors, httpStatusOf, toGraphQLError, toHttpException } from './error-mapping.js';

describe('the one error mapping', () => {
  it('gives GraphQL the code as extensions.code and the sentence as the message', () => {
    const mapped = toGraphQLError(new AuthError('FORBIDDEN', 'Your role does not allow this.'));
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect((mapped as GraphQLError).message).toBe('Your role does not allow this.');
    expect((mapped as GraphQLError).extensions.code).toBe('FORBIDDEN');
  });

  it('gives HTTP the status of the code, with the same sentence', () => {
    const cases: [DomainError, number][] = [
      [new ImportError('orders.csv: line 2: order_id: required.'), 400],
      [new AuthError('UNAUTHENTICATED', 'Sign in first.'), 401],
      [new AuthError('FORBIDDEN', 'No.'), 403],
      [new AdminError(AdminErrorCode.NOT_FOUND, 'There is no import run 9.'), 404],
      [new PackError(PackErrorCode.BAD_GATEWAY, 'The PDF could not be made: x'), 502],
    ];
    for (const [error, status] of cases) {
      const mapped = toHttpException(error) as HttpException;
      expect(mapped).toBeInstanceOf(HttpException);
      expect(mapped.getStatus()).toBe(status);
      expect(mapped.message).toBe(error.message);
      expect(httpStatusOf(error)).toBe(status);
    }
  });

  it('leaves anything that is not a DomainError alone (a bug stays a bug)', async () => {
    const bug = new TypeError('x is undefined');
    expect(toGraphQLError(bug)).toBe(bug);
    expect(toHttpException(bug)).toBe(bug);
    await expect(asGraphqlErrors(Promise.reject(bug))).rejects.toBe(bug);
  });

  it('names each error after its class and keeps ImportError an ImportError', () => {
    const error = new ImportError('bad');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.name).toBe('ImportError');
    expect(error.code).toBe('BAD_USER_INPUT');
  });
});
