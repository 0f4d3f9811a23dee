"""Configuration and wiring of the services the resource cost modules price: they cost nothing themselves
(the function, queue, API, table or bus they configure carries the cost)."""

from stackwright.importer.mapping.registry import free

free(
    # Lambda
    "aws_lambda_permission", "aws_lambda_alias", "aws_lambda_event_source_mapping", "aws_lambda_layer_version",
    "aws_lambda_layer_version_permission", "aws_lambda_function_url", "aws_lambda_function_event_invoke_config",
    "AWS::Lambda::Permission", "AWS::Lambda::Alias", "AWS::Lambda::EventSourceMapping",
    "AWS::Lambda::LayerVersion", "AWS::Lambda::LayerVersionPermission", "AWS::Lambda::Url",
    "AWS::Lambda::EventInvokeConfig", "AWS::Serverless::LayerVersion",
    # SQS, SNS, EventBridge
    "aws_sqs_queue_policy", "aws_sqs_queue_redrive_policy", "aws_sqs_queue_redrive_allow_policy",
    "aws_sns_topic_policy", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target",
    "aws_cloudwatch_event_bus_policy", "aws_cloudwatch_event_permission", "aws_scheduler_schedule_group",
    "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::Events::Rule", "AWS::Events::EventBusPolicy",
    "AWS::Scheduler::ScheduleGroup",
    # API Gateway
    "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration",
    "aws_api_gateway_method_response", "aws_api_gateway_integration_response", "aws_api_gateway_deployment",
    "aws_api_gateway_authorizer", "aws_api_gateway_model", "aws_api_gateway_usage_plan",
    "aws_api_gateway_usage_plan_key", "aws_api_gateway_api_key", "aws_api_gateway_base_path_mapping",
    "aws_api_gateway_domain_name", "aws_api_gateway_method_settings", "aws_api_gateway_account",
    "aws_api_gateway_request_validator", "aws_api_gateway_gateway_response", "aws_api_gateway_rest_api_policy",
    "aws_apigatewayv2_stage", "aws_apigatewayv2_route", "aws_apigatewayv2_integration",
    "aws_apigatewayv2_deployment", "aws_apigatewayv2_authorizer", "aws_apigatewayv2_domain_name",
    "aws_apigatewayv2_api_mapping", "aws_apigatewayv2_route_response", "aws_apigatewayv2_integration_response",
    "aws_apigatewayv2_vpc_link", "aws_api_gateway_vpc_link",
    "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::ApiGateway::Deployment",
    "AWS::ApiGateway::Authorizer", "AWS::ApiGateway::Model", "AWS::ApiGateway::UsagePlan",
    "AWS::ApiGateway::UsagePlanKey", "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::BasePathMapping",
    "AWS::ApiGateway::DomainName", "AWS::ApiGateway::Account", "AWS::ApiGateway::RequestValidator",
    "AWS::ApiGateway::GatewayResponse", "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Deployment", "AWS::ApiGatewayV2::Authorizer",
    "AWS::ApiGatewayV2::DomainName", "AWS::ApiGatewayV2::ApiMapping",
    "AWS::ApiGatewayV2::VpcLink",  # an HTTP API's VPC link: no charge of its own (aws_apigatewayv2_vpc_link above)
    "AWS::ApiGateway::VpcLink",  # a REST API's VPC link: no charge of its own; the NLB it reaches is billed
    # EFS, Backup, Cognito, EKS, ECS, Step Functions, X-Ray, Glue, Athena, CodeBuild
    "aws_efs_mount_target", "aws_efs_access_point", "aws_efs_backup_policy", "aws_efs_file_system_policy",
    "aws_backup_plan", "aws_backup_selection", "aws_backup_vault_policy", "aws_backup_vault_notifications",
    "aws_cognito_user_pool_client", "aws_cognito_user_pool_domain", "aws_cognito_identity_pool",
    "aws_cognito_user_group", "aws_cognito_identity_provider", "aws_cognito_resource_server",
    "aws_eks_addon", "aws_eks_access_entry", "aws_eks_access_policy_association", "aws_eks_identity_provider_config",
    "aws_eks_fargate_profile", "aws_ecs_capacity_provider", "aws_sfn_activity", "aws_xray_group",
    "aws_glue_catalog_database", "aws_glue_catalog_table", "aws_athena_database",
    "aws_athena_named_query", "aws_codebuild_source_credential", "aws_codebuild_webhook",
    "aws_dynamodb_table_item", "aws_dynamodb_contributor_insights", "aws_kms_grant", "aws_kms_key_policy",
    "aws_opensearch_domain_policy", "aws_route53_resolver_endpoint_association", "aws_ec2_transit_gateway",
    "aws_ec2_transit_gateway_route_table", "aws_ec2_transit_gateway_route", "aws_customer_gateway",
    "aws_vpn_gateway", "aws_vpn_gateway_attachment", "aws_vpn_connection_route", "aws_guardduty_detector_feature",
    "aws_cloudtrail_event_data_store_policy", "aws_config_delivery_channel",
    "aws_config_configuration_recorder_status",
    "AWS::EFS::MountTarget", "AWS::EFS::AccessPoint", "AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection",
    "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain", "AWS::Cognito::IdentityPool",
    "AWS::Cognito::UserPoolGroup", "AWS::EKS::Addon", "AWS::EKS::AccessEntry", "AWS::EKS::FargateProfile",
    "AWS::ECS::CapacityProvider", "AWS::StepFunctions::Activity", "AWS::XRay::Group",
    "AWS::Glue::Database", "AWS::Glue::Table", "AWS::EC2::TransitGateway", "AWS::EC2::TransitGatewayRouteTable",
    "AWS::EC2::CustomerGateway", "AWS::EC2::VPNGateway", "AWS::Config::DeliveryChannel",
    # database plumbing
    "aws_db_security_group", "aws_neptune_cluster_parameter_group", "aws_neptune_parameter_group",
    "aws_neptune_subnet_group", "aws_docdb_cluster_parameter_group", "aws_docdb_subnet_group",
    "AWS::RDS::DBSecurityGroup", "AWS::RDS::DBSecurityGroupIngress", "AWS::Neptune::DBClusterParameterGroup",
    "AWS::Neptune::DBParameterGroup", "AWS::Neptune::DBSubnetGroup", "AWS::DocDB::DBClusterParameterGroup",
    "AWS::DocDB::DBSubnetGroup", "aws_rds_cluster_endpoint", "aws_rds_cluster_role_association",
    "aws_db_instance_role_association", "aws_rds_global_cluster", "aws_elasticache_global_replication_group",
    "aws_elasticache_user_group_association", "aws_dynamodb_resource_policy", "AWS::RDS::DBClusterEndpoint",
    "AWS::RDS::GlobalCluster", "AWS::ElastiCache::GlobalReplicationGroup",
    # configuration of other services; deployments of Lambda and EC2 through CodeDeploy are free
    "aws_sns_topic_data_protection_policy", "aws_lb_trust_store", "aws_lb_trust_store_revocation",
    "aws_autoscaling_traffic_source_attachment", "aws_lambda_code_signing_config", "aws_signer_signing_profile",
    "aws_signer_signing_job",
    "aws_codedeploy_app", "aws_codedeploy_deployment_group", "AWS::CodeDeploy::Application",
    "AWS::CodeDeploy::DeploymentGroup", "AWS::Lambda::CodeSigningConfig", "AWS::Signer::SigningProfile",
    # a Cloud Map HTTP namespace has no hosted zone (a private DNS one is billed as its zone); a customer
    # managed prefix list is a named set of CIDR blocks referenced by rules and routes
    "aws_service_discovery_http_namespace", "AWS::ServiceDiscovery::HttpNamespace", "aws_ec2_managed_prefix_list",
    "aws_ec2_managed_prefix_list_entry", "AWS::EC2::PrefixList",
    # not AWS resources: files and images built where Terraform runs, certificates it computes
    "local_file", "local_sensitive_file", "docker_image", "docker_registry_image", "tls_cert_request",
    "tls_locally_signed_cert", "archive_file",
)
