import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { measureOperation } from './graphql-limits.plugin.js';

const measure = (source: string, variables: Record<string, unknown> = {}) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return measureOperation(operation, fragments, variables);
};

describe('measureOperation', () => {
  it('counts depth and one per field', () => {
    expect(measure('{ health me { email role } }')).toEqual({ depth: 2, complexity: 4 });
  });

  it('multiplies a page by its size, from a literal or a variable', () => {
    const query = 'query($n: Int) { cases(first: $n) { edges { node { id level } } } }';
    // cases 1 + n * (edges 1 + (node 1 + 2))
    expect(measure(query, { n: 50 })).toEqual({ depth: 4, complexity: 1 + 50 * 4 });
    expect(measure('{ cases(first: 10) { totalCount } }')).toEqual({ depth: 2, complexity: 11 });
  });

  it('follows fragments and inline fragments, and ignores introspection', () => {
    const query = `
      query { me { ...M ... on Me { role } } __schema { types { fields { type { ofType { name } } } } } }
      fragment M on Me { email departments }`;
    expect(measure(query)).toEqual({ depth: 2, complexity: 4 });
  });

  it('stops at a fragment that spreads itself', () => {
    const query = '{ me { ...A } } fragment A on Me { email ...A }';
    expect(measure(query)).toEqual({ depth: 2, complexity: 2 });
  });
});
