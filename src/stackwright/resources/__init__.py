"""The resource cost model: AWS resources, one cost module per AWS resource type.

    readers (Terraform, CloudFormation)  ──►  Resource records  ──►  cost modules  ──►  bill lines

A `Resource` is one AWS resource as the code declares it: its type (the Terraform name, e.g.
`aws_sqs_queue`; CloudFormation types map onto it), its address as written, its region, the attributes
that matter for cost with AWS's defaults filled in, and where it is declared. A cost module
(`stackwright.resources.types.<type>`) reads those attributes from either dialect, declares the usage
keys it takes (with documented defaults), and yields the cost components. Nothing in a module knows
where a resource came from.
"""
