class FitDataError(Exception):
    pass
