import { Field, ObjectType } from '@nestjs/graphql';

/** The one PageInfo of the API (cases, rejections, ingest runs, audit events share it). */
@ObjectType('PageInfo')
export class PageInfoObject {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}
