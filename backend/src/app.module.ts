import { existsSync } from 'node:fs';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { DataSource } from 'typeorm';
import { graphqlLimitsPlugin } from './common/graphql-limits.plugin.js';
import { graphqlNoStorePlugin } from './common/graphql-no-store.plugin.js';
import { RequestMemo } from './common/request-memo.js';
import { SecurityHeadersMiddleware } from './common/security-headers.middleware.js';
import { loadAuthSettings, type AuthSettings } from './config/auth-config.js';
import { FRONTEND_DIST_DIR, SCHEMA_FILE } from './config/paths.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CommitteePackModule } from './modules/committee-pack/committee-pack.module.js';
import { CasesModule } from './modules/cases/cases.module.js';

export interface AppModuleOptions {
  readonly dataSource: DataSource;
  /** Write backend/schema.gql (development and tests); production reads it from memory. */
  readonly writeSchemaFile?: boolean;
  /** Sign-in and hardening settings; default: read from the environment. */
  readonly authSettings?: AuthSettings;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const authSettings = options.authSettings ?? loadAuthSettings();
    const serveDashboard = existsSync(FRONTEND_DIST_DIR)
      ? [
          ServeStaticModule.forRoot({
            rootPath: FRONTEND_DIST_DIR,
            // API routes answer for themselves, never with the dashboard's index.html
            exclude: [
              '/graphql{*path}',
              '/exports{*path}',
              '/imports{*path}',
              '/auth/{*path}',
              '/health/{*path}',
            ],
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forDataSource(options.dataSource),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: options.writeSchemaFile ? SCHEMA_FILE : true,
          sortSchema: true,
          // production: no schema browsing and no GraphiQL page
          introspection: !authSettings.production,
          graphiql: !authSettings.production,
          plugins: [
            // no per-field cache hints: the header is always no-store (graphql-no-store.plugin)
            ApolloServerPluginCacheControlDisabled(),
            graphqlNoStorePlugin(),
            graphqlLimitsPlugin({
              maxDepth: authSettings.graphqlMaxDepth,
              maxComplexity: authSettings.graphqlMaxComplexity,
            }),
          ],
          // the guard reads the request; signIn and signOut set cookies on the response; the
          // memo holds what this request has read once (settings, department names ...)
          context: ({ req, res }: { req: unknown; res: unknown }) => ({
            req,
            res,
            memo: new RequestMemo(),
          }),
        }),
        AuthModule.forSettings(authSettings),
        HealthModule,
        ...serveDashboard,
        AnalyticsModule,
        AdminModule,
        CommitteePackModule,
        CasesModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecurityHeadersMiddleware).forRoutes('{*path}');
  }
}
