import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface GraphqlLimits {
  /** Deepest field nesting an operation may have (introspection fields not counted). */
  readonly maxDepth: number;
  /** Estimated fields resolved: each field 1, a list's children times its `first`/`last`. */
  readonly maxComplexity: number;
}

export interface OperationCost {
  readonly depth: number;
  readonly complexity: number;
}

/** Page size a field asks for: a literal or variable `first`/`last`, else 1. */
function pageSize(
  args: readonly { name: { value: string }; value: ValueNode }[] | undefined,
  variables: Record<string, unknown>,
): number {
  for (const arg of args ?? []) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    const value =
      arg.value.kind === Kind.INT
        ? Number(arg.value.value)
        : arg.value.kind === Kind.VARIABLE
          ? Number(variables[arg.value.name.value])
          : NaN;
    if (Number.isFinite(value) && value > 1) return value;
  }
  return 1;
}

/** Depth and complexity of one operation, following fragments (each at most once per path). */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Record<string, unknown> = {},
): OperationCost {
  const walk = (
    selectionSet: SelectionSetNode,
    seen: ReadonlySet<string>,
  ): { depth: number; complexity: number } => {
    let depth = 0;
    let complexity = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue; // introspection: its own switch
        const child = selection.selectionSet
          ? walk(selection.selectionSet, seen)
          : { depth: 0, complexity: 0 };
        depth = Math.max(depth, child.depth + 1);
        complexity += 1 + pageSize(selection.arguments, variables) * child.complexity;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const child = walk(selection.selectionSet, seen);
        depth = Math.max(depth, child.depth);
        complexity += child.complexity;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue; // validation reports unknown or cyclic ones
        const child = walk(fragment.selectionSet, new Set([...seen, name]));
        depth = Math.max(depth, child.depth);
        complexity += child.complexity;
      }
    }
    return { depth, complexity };
  };
  return walk(operation.selectionSet, new Set());
}

/** Refuses, before anything runs, an operation deeper or costlier than the limits. */
export function graphqlLimitsPlugin(limits: GraphqlLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return; // Apollo itself refuses a document without the operation
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) {
              fragments[definition.name.value] = definition;
            }
          }
          const cost = measureOperation(operation, fragments, request.variables ?? {});
          if (cost.depth > limits.maxDepth) {
            throw new GraphQLError(
              `The query is nested ${cost.depth} levels deep; the limit is ${limits.maxDepth}.`,
              { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
            );
          }
          if (cost.complexity > limits.maxComplexity) {
            throw new GraphQLError(
              `The query asks for about ${cost.complexity} fields; the limit is ${limits.maxComplexity}: ask for fewer fields or smaller pages.`,
              { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
