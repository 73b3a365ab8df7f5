/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type MonthlyOrderVolumeInput = {
  /** First month, YYYY-MM (inclusive) */
  from?: string | null | undefined;
  /** Last month, YYYY-MM (inclusive) */
  to?: string | null | undefined;
};

export type MonthlyOrderVolumeQueryVariables = Exact<{
  input?: MonthlyOrderVolumeInput | null | undefined;
}>;


export type MonthlyOrderVolumeQuery = { __typename: 'Query', monthlyOrderVolume: Array<{ __typename: 'MonthlyOrderVolume', month: string, outcome: string, orders: number }> };


export const MonthlyOrderVolumeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MonthlyOrderVolume"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyOrderVolumeInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyOrderVolume"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}}]}}]}}]} as unknown as DocumentNode<MonthlyOrderVolumeQuery, MonthlyOrderVolumeQueryVariables>;