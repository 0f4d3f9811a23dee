"""The CloudFront price geography a region's viewers mostly sit in (import-free: the plan and the cost
modules both ask)."""

REGION_GEO = {
    "us": "united-states", "ca": "united-states", "mx": "united-states", "eu": "europe", "il": "europe",
    "me": "middle-east", "af": "south-africa", "sa": "south-america", "ap-south": "india",
    "ap-northeast-1": "japan", "ap-northeast-3": "japan", "ap-southeast-2": "australia",
    "ap-southeast-4": "australia",
}


def viewer_geo(region: str) -> str:
    for prefix in sorted(REGION_GEO, key=len, reverse=True):
        if region.startswith(prefix):
            return REGION_GEO[prefix]
    return "asia-pacific"
