import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('MonthlyOrderVolume')
export class MonthlyOrderVolumeObject {
  @Field({ description: 'Month of the order in the site time zone, YYYY-MM' })
  month: string;

  @Field({
    description:
      'Outcome modality of the order (CT, US, MR, ...), or CANCELLED, NOT_PERFORMED, PENDING',
  })
  outcome: string;

  @Field(() => Int)
  orders: number;
}

@InputType('MonthlyOrderVolumeInput')
export class MonthlyOrderVolumeInput {
  @Field({ nullable: true, description: 'First month, YYYY-MM (inclusive)' })
  from?: string;

  @Field({ nullable: true, description: 'Last month, YYYY-MM (inclusive)' })
  to?: string;
}
