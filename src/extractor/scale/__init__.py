"""Scale-out engines. :func:`extract_dataset` runs the extractor over a ``ray.data.Dataset``
(needs the ``ray`` extra: ``pip install -e '.[ray]'``)."""


def extract_dataset(ds, **options):
    from .ray_engine import extract_dataset as run

    return run(ds, **options)


__all__ = ["extract_dataset"]
