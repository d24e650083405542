export type paths = {
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (AuthHttpController.register).
         */
        post: operations["postAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (AuthHttpController.login).
         */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login/2fa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (TwoFactorHttpController.login).
         */
        post: operations["postAuthLogin2fa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (AccountHttpController.requestReset).
         */
        post: operations["postAuthPasswordResetRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (AccountHttpController.confirmReset).
         */
        post: operations["postAuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (AccountHttpController.confirmVerification).
         */
        post: operations["postAuthVerifyEmailConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (AccountHttpController.requestVerification).
         */
        post: operations["postAuthVerifyEmailRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (AccountHttpController.change).
         */
        post: operations["postAuthPasswordChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/2fa/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (TwoFactorHttpController.setup).
         */
        post: operations["postAuth2faSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/2fa/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (TwoFactorHttpController.enable).
         */
        post: operations["postAuth2faEnable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/2fa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (TwoFactorHttpController.disable).
         */
        post: operations["postAuth2faDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (ProfileHttpController.me).
         */
        get: operations["getAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (ProfileHttpController.update).
         */
        patch: operations["patchAuthMe"];
        trace?: never;
    };
    "/api/v1/auth/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (SigningKeysHttpController.jwks).
         */
        get: operations["getAuthJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (SigningKeysHttpController.list).
         */
        get: operations["getAuthSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signing-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (SigningKeysHttpController.rotate).
         */
        post: operations["postAuthSigningKeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the auth service (SessionsHttpController.refresh).
         */
        post: operations["postAuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (SessionsHttpController.logout).
         */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (SessionsHttpController.list).
         */
        get: operations["getAuthSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (SessionsHttpController.revoke).
         */
        delete: operations["deleteAuthSessionsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/revoke-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (SessionsHttpController.revokeAll).
         */
        post: operations["postAuthSessionsRevokeAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (AuditLogHttpController.find).
         */
        get: operations["getAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-logs/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (AuditRetentionHttpController.run).
         */
        post: operations["postAuditLogsRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (BackupsHttpController.list).
         */
        get: operations["getAdminBackups"];
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (BackupsHttpController.take).
         */
        post: operations["postAdminBackups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/database-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (DatabaseHealthHttpController.get).
         */
        get: operations["getAdminDatabaseHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-logs/scrub": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (AuditScrubHttpController.run).
         */
        post: operations["postAuditLogsScrub"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (DeadLettersHttpController.list).
         */
        get: operations["getDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (DeadLettersHttpController.get).
         */
        get: operations["getDeadLettersById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (DeadLettersHttpController.replay).
         */
        post: operations["postDeadLettersByIdReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (DeadLettersHttpController.discard).
         */
        post: operations["postDeadLettersByIdDiscard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (AdminUsersHttpController.list).
         */
        get: operations["getUsers"];
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (AdminUsersHttpController.create).
         */
        post: operations["postUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (AdminUsersHttpController.unlock).
         */
        post: operations["postUsersByIdUnlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (AdminUsersHttpController.changeRole).
         */
        patch: operations["patchUsersByIdRole"];
        trace?: never;
    };
    "/api/v1/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (AdminUsersHttpController.deactivate).
         */
        post: operations["postUsersByIdDeactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (AdminUsersHttpController.remove).
         */
        delete: operations["deleteUsersById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (SettingsHttpController.list).
         */
        get: operations["getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/public": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the auth service (SettingsHttpController.listPublic).
         */
        get: operations["getSettingsPublic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (SettingsHttpController.change).
         */
        patch: operations["patchSettingsByKey"];
        trace?: never;
    };
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (WorkflowHttpController.list).
         */
        get: operations["getWorkflows"];
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.create).
         */
        post: operations["postWorkflows"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (WorkflowHttpController.get).
         */
        get: operations["getWorkflowsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.update).
         */
        patch: operations["patchWorkflowsById"];
        trace?: never;
    };
    "/api/v1/workflows/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (WorkflowHttpController.versions).
         */
        get: operations["getWorkflowsByIdVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.activate).
         */
        post: operations["postWorkflowsByIdActivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.deactivate).
         */
        post: operations["postWorkflowsByIdDeactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.archive).
         */
        post: operations["postWorkflowsByIdArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.copy).
         */
        post: operations["postWorkflowsByIdCopy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (WorkflowHttpController.templates).
         */
        get: operations["getWorkflowTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-templates/{templateName}/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (WorkflowHttpController.fromTemplate).
         */
        post: operations["postWorkflowTemplatesByTemplateNameWorkflows"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (ExecutionHttpController.list).
         */
        get: operations["getWorkflowsByIdExecutions"];
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (ExecutionHttpController.start).
         */
        post: operations["postWorkflowsByIdExecutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (StatisticsHttpController.statistics).
         */
        get: operations["getWorkflowsByIdStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (ScheduleHttpController.ofWorkflow).
         */
        get: operations["getWorkflowsByIdSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-schedules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (ScheduleHttpController.preview).
         */
        get: operations["getWorkflowSchedulesPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (ExecutionHttpController.listAll).
         */
        get: operations["getExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (ExecutionHttpController.get).
         */
        get: operations["getExecutionsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the workflows service (ExecutionHttpController.cancel).
         */
        post: operations["postExecutionsByIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the workflows service (ExecutionRetentionHttpController.run).
         */
        post: operations["postExecutionsRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-metrics/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (StatisticsHttpController.summary).
         */
        get: operations["getWorkflowMetricsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-metrics/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (StatisticsHttpController.daily).
         */
        get: operations["getWorkflowMetricsDaily"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-metrics/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the workflows service (StatisticsHttpController.performance).
         */
        get: operations["getWorkflowMetricsPerformance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/data-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the ingestion service (DataSourcesHttpController.find).
         */
        get: operations["getDataSources"];
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the ingestion service (DataSourcesHttpController.post).
         */
        post: operations["postDataSources"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/data-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the ingestion service (DataSourcesHttpController.get).
         */
        get: operations["getDataSourcesById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the ingestion service (DataSourcesHttpController.patch).
         */
        patch: operations["patchDataSourcesById"];
        trace?: never;
    };
    "/api/v1/data-sources/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the ingestion service (DataSourcesHttpController.archive).
         */
        post: operations["postDataSourcesByIdArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public
         * @description Public: no access token needed. Served by the ingestion service (WebhookHttpController.accept).
         */
        post: operations["postWebhooksById"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fetchings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the ingestion service (FetchingsHttpController.list).
         */
        get: operations["getFetchings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the ingestion service (ContentsHttpController.list).
         */
        get: operations["getContents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the ingestion service (ContentsHttpController.get).
         */
        get: operations["getContentsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contents/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the processing service (SearchHttpController.find).
         */
        get: operations["getContentsSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/processing-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the processing service (SearchHttpController.list).
         */
        get: operations["getProcessingHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportHttpController.list).
         */
        get: operations["getReports"];
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the reporting service (ReportHttpController.create).
         */
        post: operations["postReports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportHttpController.get).
         */
        get: operations["getReportsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the reporting service (ReportHttpController.update).
         */
        patch: operations["patchReportsById"];
        trace?: never;
    };
    "/api/v1/reports/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the reporting service (ReportHttpController.archive).
         */
        post: operations["postReportsByIdArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportExecutionHttpController.list).
         */
        get: operations["getReportsByIdExecutions"];
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the reporting service (ReportExecutionHttpController.run).
         */
        post: operations["postReportsByIdExecutions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-schedules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportScheduleHttpController.preview).
         */
        get: operations["getReportSchedulesPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportExecutionHttpController.get).
         */
        get: operations["getReportExecutionsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-executions/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportExecutionHttpController.download).
         */
        get: operations["getReportExecutionsByIdDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-executions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportDeliveryHttpController.forExecution).
         */
        get: operations["getReportExecutionsByIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Roles: admin, user, viewer
         * @description Needs an access token of one of the roles: admin, user, viewer. Served by the reporting service (ReportDeliveryHttpController.list).
         */
        get: operations["getReportDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-deliveries/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the reporting service (ReportDeliveryHttpController.resend).
         */
        post: operations["postReportDeliveriesByIdResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-deliveries/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the reporting service (ReportDeliveryHttpController.retention).
         */
        post: operations["postReportDeliveriesRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-deliveries/webhook-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin, user
         * @description Needs an access token of one of the roles: admin, user. Served by the reporting service (ReportDeliveryHttpController.webhookSecret).
         */
        post: operations["postReportDeliveriesWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-downloads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public
         * @description Public: no access token needed. Served by the reporting service (ReportDeliveryHttpController.download).
         */
        get: operations["getReportDownloadsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contents/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the ingestion service (ContentRetentionHttpController.run).
         */
        post: operations["postContentsRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (SessionRetentionHttpController.run).
         */
        post: operations["postAuthSessionsRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-executions/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the reporting service (ReportRetentionHttpController.run).
         */
        post: operations["postReportExecutionsRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/retention/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the auth service (JobRetentionHttpController.run).
         */
        post: operations["postJobsRetentionAuth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/retention/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the workflows service (JobRetentionHttpController.run).
         */
        post: operations["postJobsRetentionWorkflows"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/retention/ingestion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the ingestion service (JobRetentionHttpController.run).
         */
        post: operations["postJobsRetentionIngestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/retention/processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the processing service (JobRetentionHttpController.run).
         */
        post: operations["postJobsRetentionProcessing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/retention/reporting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the reporting service (JobRetentionHttpController.run).
         */
        post: operations["postJobsRetentionReporting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/retention/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roles: admin
         * @description Needs an access token of one of the roles: admin. Served by the audit service (JobRetentionHttpController.run).
         */
        post: operations["postJobsRetentionAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public
         * @description Public: no access token needed. This document.
         */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description Every error answer: a code to branch on and a correlation id to quote */
        Error: {
            error: {
                /** @description Machine-readable, e.g. AUTH.FORBIDDEN; stable across releases */
                code: string;
                /** @description For people; may change */
                message: string;
                details?: unknown;
            };
            correlationId?: string;
        };
    };
    responses: {
        /** @description Error codes: AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID, AUTH.TOKEN_EXPIRED, AUTH.TOKEN_STALE, AUTH.SESSION_REVOKED */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Error codes: AUTH.FORBIDDEN */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Error codes: REQUEST.RATE_LIMITED */
        RateLimited: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Error codes: GATEWAY.UPSTREAM_UNAVAILABLE */
        UpstreamUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Error codes: GATEWAY.KEYS_UNAVAILABLE */
        KeysUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    postAuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    displayName?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthLogin2fa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    mfaToken: string;
                    code: string;
                } | {
                    mfaToken: string;
                    backupCode: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthPasswordResetRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthVerifyEmailConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthVerifyEmailRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuthPasswordChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                    changeToken?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuth2faSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuth2faEnable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuth2faDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    patchAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    firstName?: string | null;
                    lastName?: string | null;
                    timezone?: string;
                    language?: string;
                    notificationPreferences?: {
                        [key: string]: unknown;
                    };
                    uiPreferences?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getAuthJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    getAuthSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuthSigningKeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getAuthSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    deleteAuthSessionsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuthSessionsRevokeAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getAuditLogs: {
        parameters: {
            query?: {
                category?: string;
                type?: string;
                userId?: string | number;
                userEmail?: string;
                resourceType?: string;
                resourceId?: string;
                severity?: "info" | "low" | "medium" | "high" | "critical";
                correlationId?: string;
                from?: string;
                to?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuditLogsRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getAdminBackups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAdminBackups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getAdminDatabaseHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuditLogsScrub: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getDeadLetters: {
        parameters: {
            query?: {
                service?: "gateway" | "auth" | "workflows" | "ingestion" | "processing" | "reporting" | "audit";
                status?: "pending" | "replayed" | "discarded";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getDeadLettersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postDeadLettersByIdReplay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postDeadLettersByIdDiscard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getUsers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                locked?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    displayName?: string;
                    /** @enum {string} */
                    role: "admin" | "user" | "viewer";
                    mustChangePassword?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postUsersByIdUnlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    patchUsersByIdRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "admin" | "user" | "viewer";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postUsersByIdDeactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    deleteUsersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getSettings: {
        parameters: {
            query?: {
                category?: string;
                environment?: "all" | "development" | "test" | "staging" | "production";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getSettingsPublic: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    patchSettingsByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value: unknown;
                    /** @enum {string} */
                    environment?: "all" | "development" | "test" | "staging" | "production";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflows: {
        parameters: {
            query?: {
                status?: "active" | "inactive" | "archived";
                category?: string;
                tag?: string;
                q?: string;
                isTemplate?: "true" | "false";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string | null;
                    configuration: unknown;
                    scheduleCron?: string | null;
                    /** @default UTC */
                    scheduleTimezone?: string;
                    timeoutMinutes?: number;
                    /** @default 3 */
                    maxRetries?: number;
                    category?: string | null;
                    /** @default [] */
                    tags?: string[];
                    /**
                     * @default inactive
                     * @enum {string}
                     */
                    status?: "active" | "inactive";
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    patchWorkflowsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    configuration?: unknown;
                    scheduleCron?: string | null;
                    scheduleTimezone?: string;
                    timeoutMinutes?: number;
                    maxRetries?: number;
                    category?: string | null;
                    tags?: string[];
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowsByIdVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflowsByIdActivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflowsByIdDeactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflowsByIdArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflowsByIdCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflowTemplatesByTemplateNameWorkflows: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                templateName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string | null;
                    dataSources: string[];
                    /** @default {} */
                    stageSettings?: {
                        [key: string]: {
                            [key: string]: unknown;
                        };
                    };
                    timeoutMinutes?: number;
                    maxRetries?: number;
                    category?: string | null;
                    tags?: string[];
                    /**
                     * @default inactive
                     * @enum {string}
                     */
                    status?: "active" | "inactive";
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowsByIdExecutions: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWorkflowsByIdExecutions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * @default manual
                     * @enum {string}
                     */
                    triggeredBy?: "manual" | "api";
                    /** @default 0 */
                    priority?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowsByIdStatistics: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowsByIdSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowSchedulesPreview: {
        parameters: {
            query: {
                cron: string;
                timezone?: string;
                count?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getExecutions: {
        parameters: {
            query?: {
                status?: "Created" | "InProgress" | "Success" | "Failed" | "Cancelled" | "Timeout";
                workflowId?: string;
                from?: string;
                to?: string;
                triggeredBy?: "manual" | "api" | "schedule" | "webhook";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getExecutionsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postExecutionsByIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postExecutionsRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowMetricsSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowMetricsDaily: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getWorkflowMetricsPerformance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getDataSources: {
        parameters: {
            query?: {
                type?: "api" | "file" | "database" | "webhook";
                status?: "active" | "archived" | "all";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postDataSources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string | null;
                    /** @constant */
                    type: "api";
                    /** Format: uri */
                    url: string;
                    /**
                     * @default GET
                     * @enum {string}
                     */
                    method?: "GET" | "POST";
                    headers?: {
                        [key: string]: string;
                    };
                    body?: string | {
                        [key: string]: unknown;
                    } | unknown[];
                    /**
                     * @default auto
                     * @enum {string}
                     */
                    format?: "auto" | "json" | "ndjson" | "csv" | "text";
                    secretHeaders?: {
                        [key: string]: string;
                    };
                    secretQuery?: {
                        [key: string]: string;
                    };
                    secretBody?: {
                        [key: string]: unknown;
                    };
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                    usableByUsers?: number[];
                } | {
                    name: string;
                    description?: string | null;
                    /** @constant */
                    type: "file";
                    folder: string;
                    /** @default * */
                    glob?: string;
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                    usableByUsers?: number[];
                } | {
                    name: string;
                    description?: string | null;
                    /** @constant */
                    type: "database";
                    connectionString: string;
                    query: string;
                    /** @default 10000 */
                    maxRows?: number;
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                    usableByUsers?: number[];
                } | {
                    name: string;
                    description?: string | null;
                    /** @constant */
                    type: "webhook";
                    secret: string;
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                    usableByUsers?: number[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getDataSourcesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    patchDataSourcesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    url?: string;
                    method?: string;
                    headers?: unknown;
                    body?: unknown;
                    format?: string;
                    secretHeaders?: unknown;
                    secretQuery?: unknown;
                    secretBody?: unknown;
                    folder?: string;
                    glob?: string;
                    connectionString?: string;
                    query?: string;
                    maxRows?: unknown;
                    secret?: string;
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                    usableByUsers?: number[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postDataSourcesByIdArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postWebhooksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "*/*": unknown;
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    getFetchings: {
        parameters: {
            query?: {
                executionId?: string;
                fluxId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getContents: {
        parameters: {
            query?: {
                executionId?: string;
                fluxId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getContentsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getContentsSearch: {
        parameters: {
            query?: {
                q?: string;
                fluxId?: string;
                category?: string;
                tag?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, PROCESSING.INVALID_QUERY, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getProcessingHistory: {
        parameters: {
            query: {
                executionId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReports: {
        parameters: {
            query?: {
                status?: "active" | "inactive" | "archived";
                category?: string;
                type?: "summary" | "detailed" | "custom" | "scheduled";
                name?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reportName: string;
                    reportDescription?: string | null;
                    /** @enum {string} */
                    reportType: "summary" | "detailed" | "custom" | "scheduled";
                    category?: string | null;
                    reportConfig: {
                        /** @enum {string} */
                        source: "contents" | "executions" | "calculations";
                        columns?: string[];
                    };
                    dataSources?: string[] | null;
                    filters?: {
                        /** Format: uuid */
                        workflowId?: string;
                        /** Format: uuid */
                        executionId?: string;
                        /** Format: uuid */
                        fluxId?: string;
                        category?: string;
                        tag?: string;
                        /** @enum {string} */
                        status?: "Created" | "InProgress" | "Success" | "Failed" | "Cancelled" | "Timeout";
                        /** Format: date-time */
                        from?: string;
                        /** Format: date-time */
                        to?: string;
                    } | null;
                    grouping?: {
                        by: string;
                    } | null;
                    sorting?: {
                        field: string;
                        /**
                         * @default asc
                         * @enum {string}
                         */
                        direction?: "asc" | "desc";
                    } | null;
                    outputFormats?: ("json" | "csv" | "html" | "xlsx" | "pdf")[];
                    emailRecipients?: string[];
                    webhookUrl?: string | null;
                    isScheduled?: boolean;
                    scheduleCron?: string | null;
                    scheduleTimezone?: string;
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    patchReportsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reportName?: string;
                    reportDescription?: string | null;
                    /** @enum {string} */
                    reportType?: "summary" | "detailed" | "custom" | "scheduled";
                    category?: string | null;
                    reportConfig?: {
                        /** @enum {string} */
                        source: "contents" | "executions" | "calculations";
                        columns?: string[];
                    };
                    dataSources?: string[] | null;
                    filters?: {
                        /** Format: uuid */
                        workflowId?: string;
                        /** Format: uuid */
                        executionId?: string;
                        /** Format: uuid */
                        fluxId?: string;
                        category?: string;
                        tag?: string;
                        /** @enum {string} */
                        status?: "Created" | "InProgress" | "Success" | "Failed" | "Cancelled" | "Timeout";
                        /** Format: date-time */
                        from?: string;
                        /** Format: date-time */
                        to?: string;
                    } | null;
                    grouping?: {
                        by: string;
                    } | null;
                    sorting?: {
                        field: string;
                        /**
                         * @default asc
                         * @enum {string}
                         */
                        direction?: "asc" | "desc";
                    } | null;
                    outputFormats?: ("json" | "csv" | "html" | "xlsx" | "pdf")[];
                    emailRecipients?: string[];
                    webhookUrl?: string | null;
                    isScheduled?: boolean;
                    scheduleCron?: string | null;
                    scheduleTimezone?: string;
                    isPublic?: boolean;
                    sharedWithUsers?: number[];
                    /** @enum {string} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReportsByIdArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportsByIdExecutions: {
        parameters: {
            query?: {
                status?: "Created" | "InProgress" | "Success" | "Failed" | "Cancelled";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReportsByIdExecutions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    format: string;
                    filters?: {
                        /** Format: uuid */
                        workflowId?: string;
                        /** Format: uuid */
                        executionId?: string;
                        /** Format: uuid */
                        fluxId?: string;
                        category?: string;
                        tag?: string;
                        /** @enum {string} */
                        status?: "Created" | "InProgress" | "Success" | "Failed" | "Cancelled" | "Timeout";
                        /** Format: date-time */
                        from?: string;
                        /** Format: date-time */
                        to?: string;
                    };
                    executionName?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportSchedulesPreview: {
        parameters: {
            query: {
                cron: string;
                timezone?: string;
                count?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportExecutionsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportExecutionsByIdDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportExecutionsByIdDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                limit?: number;
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReportDeliveriesByIdResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReportDeliveriesRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                    retentionDays?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReportDeliveriesWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    reportId: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getReportDownloadsById: {
        parameters: {
            query?: {
                expires?: string;
                signature?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
        };
    };
    postContentsRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postAuthSessionsRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postReportExecutionsRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postJobsRetentionAuth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postJobsRetentionWorkflows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postJobsRetentionIngestion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postJobsRetentionProcessing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postJobsRetentionReporting: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    postJobsRetentionAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Error codes: REQUEST.BAD_URL, REQUEST.VALIDATION_FAILED, REQUEST.UNKNOWN_FIELDS, REQUEST.MALFORMED_BODY, GATEWAY.JSON_TOO_DEEP, GATEWAY.JSON_ARRAY_TOO_LONG, GATEWAY.JSON_TOO_MANY_KEYS */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            502: components["responses"]["UpstreamUnavailable"];
            503: components["responses"]["KeysUnavailable"];
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This OpenAPI document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
}
